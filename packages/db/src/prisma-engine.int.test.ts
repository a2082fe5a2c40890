// Checks the hand-written migrations and our migrator against Prisma's own schema engine (its
// WebAssembly build, driven through the driver adapters): what `prisma migrate diff`, `status`
// and `deploy` would say on a machine with the Prisma CLI and its native engine.
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterEach, describe, expect, it } from "vitest";
import { wrapPGlite } from "./backends/pglite.ts";
import type { Database } from "./client.ts";
import { migrate } from "./migrate.ts";
import { testBackend } from "./testing/index.ts";
import { pgliteTemplates } from "./testing/pglite-templates.ts";
import { createPostgresTestDatabase } from "./testing/postgres-test-database.ts";
import {
  defaultSchemaPath,
  loadMigrationList,
  NO_FILTERS,
  openSchemaEngine,
  type SchemaEngine,
} from "./testing/prisma-schema-engine.ts";

const SLOW = 90_000; // shadow databases: each one is a fresh PGlite or CREATE DATABASE
const opened: Database[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

/**
 * An empty database of this project's backend and Prisma's engine on it. `exitEngine` ends the
 * engine's connection as the CLI's process exit would, releasing Prisma's advisory lock, which
 * the engine never unlocks itself.
 */
async function emptyDatabase(): Promise<{
  db: Database;
  engine: SchemaEngine;
  exitEngine: () => Promise<void>;
}> {
  const schema = await readFile(defaultSchemaPath, "utf8");
  let db: Database;
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  let exitEngine = () => Promise.resolve();
  if (testBackend() === "postgres") {
    const test = await createPostgresTestDatabase({ migrated: false });
    db = test.db;
    // One connection, like Prisma's native engine, so its session advisory lock is held there.
    const pool = new pg.Pool({ connectionString: test.url, max: 1 });
    adapter = new PrismaPg(pool);
    exitEngine = () => pool.end();
  } else {
    const pglite = await PGlite.create({ loadDataDir: (await pgliteTemplates()).empty });
    db = wrapPGlite(pglite);
    adapter = new PrismaPGlite(pglite);
  }
  opened.push(db);
  return { db, engine: await openSchemaEngine(adapter, schema), exitEngine };
}

describe(`Prisma's schema engine (${testBackend()})`, () => {
  // The files alone decide this, so one backend suffices; and through @prisma/adapter-pg the
  // WebAssembly engine cannot describe a live schema ("Column type 'char' could not be deserialized").
  it.runIf(testBackend() === "pglite")(
    "finds no difference between prisma/migrations and schema.prisma (migrate diff --exit-code)",
    async () => {
      const { engine } = await emptyDatabase();
      const schema = await readFile(defaultSchemaPath, "utf8");
      const result = await engine.diff({
        from: { tag: "migrations", ...(await loadMigrationList()) },
        to: { tag: "schemaDatamodel", files: [{ path: defaultSchemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      });
      expect(
        result.stdout,
        "schema.prisma needs a migration; Prisma would write the SQL above",
      ).toBe("-- This is an empty migration.\n");
      expect(result.exitCode).toBe(0);
    },
    SLOW,
  );

  it(
    "sees every migration our migrator applied as applied (migrate status, migrate deploy)",
    async () => {
      const { db, engine } = await emptyDatabase();
      await migrate(db);
      const migrationsList = await loadMigrationList();
      expect(
        await engine.diagnoseMigrationHistory({
          migrationsList,
          optInToShadowDatabase: false,
          filters: NO_FILTERS,
        }),
      ).toEqual({
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: true,
        history: null,
      });
      expect(await engine.applyMigrations({ migrationsList, filters: NO_FILTERS })).toEqual({
        appliedMigrationNames: [],
      });
    },
    SLOW,
  );

  it(
    "notices, as Prisma, a migration edited after our migrator applied it",
    async () => {
      const { db, engine } = await emptyDatabase();
      await migrate(db);
      await db.exec(`UPDATE "_prisma_migrations" SET "checksum" = repeat('0', 64)`);
      const migrationsList = await loadMigrationList();
      const status = await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      });
      expect(status.editedMigrationNames).toEqual(
        migrationsList.migrationDirectories.map((m) => m.path),
      );
    },
    SLOW,
  );

  it(
    "leaves our migrator nothing to do on a database `prisma migrate deploy` migrated",
    async () => {
      const { db, engine, exitEngine } = await emptyDatabase();
      const migrationsList = await loadMigrationList();
      const deployed = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      expect(deployed.appliedMigrationNames).toEqual(
        migrationsList.migrationDirectories.map((m) => m.path),
      );
      await exitEngine();
      expect(await migrate(db)).toEqual({ applied: [] });
    },
    SLOW,
  );
});
