// Test databases for any package's integration tests (`@piiri/db/testing`).
import { PGlite } from "@electric-sql/pglite";
import { wrapPGlite } from "../backends/pglite.ts";
import type { Database } from "../client.ts";
import { BACKEND_ENV } from "./environment.ts";
import { pgliteTemplates } from "./pglite-templates.ts";
import { createPostgresTestDatabase } from "./postgres-test-database.ts";

export interface TestDatabaseOptions {
  /** false gives an empty database (no tables, no `_prisma_migrations`); default true. */
  migrated?: boolean;
}

/** Which backend this test process uses: env PIIRI_TEST_DB, set per project by piiriTestProjects(). */
export function testBackend(): "pglite" | "postgres" {
  return process.env[BACKEND_ENV] === "postgres" ? "postgres" : "pglite";
}

/**
 * A fresh database of its own for one test: with PIIRI_TEST_DB=postgres a new database on the
 * test server, otherwise an in-memory PGlite. Migrated unless `migrated: false`. Close it when
 * done (a PostgreSQL test database is dropped on close).
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  const migrated = options.migrated ?? true;
  if (testBackend() === "postgres") return (await createPostgresTestDatabase({ migrated })).db;
  const templates = await pgliteTemplates();
  return wrapPGlite(
    await PGlite.create({ loadDataDir: migrated ? templates.migrated : templates.empty }),
  );
}
