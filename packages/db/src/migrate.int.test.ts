import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./client.ts";
import { defaultMigrationsDir, migrate, PRISMA_MIGRATE_LOCK_ID } from "./migrate.ts";
import { createTestDatabase, testBackend } from "./testing/index.ts";
import { createPostgresTestDatabase } from "./testing/postgres-test-database.ts";

const INIT = "20261123090000_init";
/** Every migration in the repository, in the order they apply. */
const ALL = (await readdir(defaultMigrationsDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const opened: Database[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyDatabase(): Promise<Database> {
  const db = await createTestDatabase({ migrated: false });
  opened.push(db);
  return db;
}

/** A copy of the real migrations plus extra migration folders. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "piiri-migrations-"));
  tempDirs.push(dir);
  await cp(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const tables = async (db: Database) =>
  (
    await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    )
  ).map((row) => row.tablename);

interface HistoryRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}
const history = (db: Database) =>
  db.query<HistoryRow>(`SELECT * FROM "_prisma_migrations" ORDER BY "started_at"`);

describe("migrate", () => {
  // A fresh PGlite applying every migration takes tens of seconds on a busy 2-core machine.
  it(
    "applies every migration to an empty database, then nothing on the next run",
    { timeout: 120_000 },
    async () => {
      const db = await emptyDatabase();
      expect(await migrate(db)).toEqual({ applied: ALL });
      expect(await tables(db)).toEqual(
        expect.arrayContaining([
          "Account",
          "AuthSession",
          "Invitation",
          "Membership",
          "Session",
          "SupervisionGroup",
          "User",
          "Verification",
          "_prisma_migrations",
        ]),
      );
      expect(await migrate(db)).toEqual({ applied: [] });
      expect(await history(db)).toHaveLength(ALL.length);
    },
  );

  it("records each migration in _prisma_migrations exactly as Prisma Migrate does", async () => {
    const db = await emptyDatabase();
    await migrate(db);
    const script = await readFile(join(defaultMigrationsDir, INIT, "migration.sql"));
    const row = (await history(db)).find((entry) => entry.migration_name === INIT);
    expect(row?.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(row).toMatchObject({
      checksum: createHash("sha256").update(script).digest("hex"),
      migration_name: INIT,
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(row!.finished_at!.getTime()).toBeGreaterThanOrEqual(row!.started_at.getTime());

    // The definition Prisma's schema engine gives the table on PostgreSQL.
    const columns = await db.query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "logs",
        data_type: "text",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
    const indexes = await db.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = '_prisma_migrations'`,
    );
    expect(indexes).toEqual([{ indexname: "_prisma_migrations_pkey" }]);
  });

  it("applies only the migrations added since the last run", async () => {
    const db = await emptyDatabase();
    await migrate(db);
    const dir = await migrationsWith({
      "20270101000000_add_note": 'ALTER TABLE "User" ADD COLUMN "note" TEXT;\n',
    });
    expect(await migrate(db, { migrationsDir: dir })).toEqual({
      applied: ["20270101000000_add_note"],
    });
    expect((await history(db)).map((row) => row.migration_name)).toEqual([
      ...ALL,
      "20270101000000_add_note",
    ]);
  });

  it("refuses to run when an applied migration's checksum differs from its file", async () => {
    const db = await emptyDatabase();
    await migrate(db);
    const edited = await migrationsWith({});
    await writeFile(join(edited, INIT, "migration.sql"), "-- edited\n", { flag: "a" });
    const refusal = migrate(db, { migrationsDir: edited });
    await expect(refusal).rejects.toMatchObject({
      name: "MigrationError",
      code: "CHECKSUM_MISMATCH",
      migrationName: INIT,
    });
    await expect(refusal).rejects.toThrow(/was edited after it was applied/);
    await db.exec(`UPDATE "_prisma_migrations" SET "checksum" = repeat('0', 64)`);
    await expect(migrate(db)).rejects.toMatchObject({ code: "CHECKSUM_MISMATCH" });
  });

  it("rolls a failing migration back completely and reports it; fixed, it applies", async () => {
    const db = await emptyDatabase();
    const broken = "20270101000000_broken";
    const dir = await migrationsWith({
      [broken]: 'CREATE TABLE "Partial" ("id" TEXT);\nALTER TABLE "Nope" ADD COLUMN "x" TEXT;\n',
    });
    const failure = migrate(db, { migrationsDir: dir });
    await expect(failure).rejects.toMatchObject({
      name: "MigrationError",
      code: "MIGRATION_FAILED",
      migrationName: broken,
    });
    await expect(failure).rejects.toThrow(
      /20270101000000_broken failed and was rolled back: .*"Nope"/,
    );
    expect(await tables(db)).not.toContain("Partial");
    expect((await history(db)).map((row) => row.migration_name)).toEqual(
      ALL.filter((name) => name < broken),
    );

    await writeFile(join(dir, broken, "migration.sql"), 'CREATE TABLE "Partial" ("id" TEXT);\n');
    expect(await migrate(db, { migrationsDir: dir })).toEqual({ applied: [broken] });
  });

  it("leaves an empty database untouched when its first migration fails", async () => {
    const db = await emptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), "piiri-migrations-"));
    tempDirs.push(dir);
    await mkdir(join(dir, "20261123090000_init"));
    await writeFile(
      join(dir, "20261123090000_init", "migration.sql"),
      'CREATE TABLE "A" ("id" TEXT);\nSELECT 1/0;\n',
    );
    await expect(migrate(db, { migrationsDir: dir })).rejects.toMatchObject({
      code: "MIGRATION_FAILED",
    });
    expect(await tables(db)).toEqual([]);
  });

  it("refuses to continue after a migration Prisma recorded as failed, until it is rolled back", async () => {
    const db = await emptyDatabase();
    await migrate(db);
    await db.exec(
      `UPDATE "_prisma_migrations" SET "finished_at" = NULL, "logs" = 'boom' WHERE "migration_name" = '${INIT}'`,
    );
    const refusal = migrate(db);
    await expect(refusal).rejects.toMatchObject({
      code: "PREVIOUS_MIGRATION_FAILED",
      migrationName: INIT,
    });
    await expect(refusal).rejects.toThrow(`prisma migrate resolve --rolled-back ${INIT}`);

    // `prisma migrate resolve --rolled-back` marks the row; the migration then counts as not applied.
    const dir = await migrationsWith({});
    await writeFile(join(dir, INIT, "migration.sql"), "SELECT 1;\n");
    await db.exec(
      `UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '${INIT}'`,
    );
    expect(await migrate(db, { migrationsDir: dir })).toEqual({ applied: [INIT] });
    expect(await history(db)).toHaveLength(ALL.length + 1);
  });

  it("lets concurrent migrators apply each migration exactly once", async () => {
    const { connections } = await sameDatabaseTwice();
    const results = await Promise.all([...connections, ...connections].map((db) => migrate(db)));
    // Each migration exactly once, whichever migrator got to it first.
    expect(results.flatMap((result) => result.applied).sort()).toEqual(ALL);
    expect(await history(connections[0])).toHaveLength(ALL.length);
  });

  // PGlite has one connection per database, so a second session holding the lock needs a server.
  it.runIf(testBackend() === "postgres")(
    "waits while Prisma Migrate holds its advisory lock",
    async () => {
      const { connections } = await sameDatabaseTwice();
      const [prismaCli, ours] = connections;
      let finished = false;
      await prismaCli.transaction(async (session) => {
        await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_ID]);
        const running = migrate(ours).then(() => (finished = true));
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(finished).toBe(false);
        await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_ID]);
        await running;
      });
      expect(finished).toBe(true);
    },
  );
});

/** Two connections (pools) to one empty database; PGlite has just one. */
async function sameDatabaseTwice(): Promise<{ connections: [Database, Database] }> {
  if (testBackend() !== "postgres") {
    const db = await emptyDatabase();
    return { connections: [db, db] };
  }
  const { db, url } = await createPostgresTestDatabase({ migrated: false });
  const other = await openDatabase({ kind: "postgres", url });
  opened.push(other, db);
  return { connections: [db, other] };
}
