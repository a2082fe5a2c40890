// Applies prisma/migrations without Prisma's schema engine, keeping Prisma's own bookkeeping in
// `_prisma_migrations` (same table, same checksums, same advisory lock), so that `prisma migrate
// status` / `deploy` on a machine that has the engine sees exactly what this migrator applied.
import { randomUUID } from "node:crypto";
import type { Database, SqlRunner } from "./client.ts";
import { MigrationError } from "./migration-error.ts";
import {
  readMigrationFiles,
  scriptMatchesChecksum,
  type MigrationFile,
} from "./migration-files.ts";
import { defaultMigrationsDir } from "./migrations-dir.ts";

export { MigrationError, type MigrationErrorCode } from "./migration-error.ts";
export { defaultMigrationsDir } from "./migrations-dir.ts";

export interface MigrateOptions {
  /** Defaults to packages/db/prisma/migrations located from the source files. */
  migrationsDir?: string;
}

/** Prisma Migrate's advisory lock key on PostgreSQL: `SELECT pg_advisory_lock(72707369)`. */
export const PRISMA_MIGRATE_LOCK_ID = 72707369;

/** The table exactly as Prisma's schema engine creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every migration folder not yet recorded in `_prisma_migrations`, in folder-name order,
 * each in its own transaction together with its bookkeeping row: a failing migration leaves
 * neither schema changes nor a row behind. Refuses (MigrationError) to run over an edited
 * migration or over a failed one recorded by Prisma. Concurrent migrators (other processes,
 * Prisma's CLI) wait for each other on Prisma's advisory lock.
 */
export async function migrate(
  db: Database,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = await readMigrationFiles(options.migrationsDir ?? defaultMigrationsDir);
  const applied: string[] = [];
  for (;;) {
    const name = await db.transaction((tx) => applyNextMigration(tx, migrations));
    if (name === null) return { applied };
    applied.push(name);
  }
}

async function applyNextMigration(
  tx: SqlRunner,
  migrations: MigrationFile[],
): Promise<string | null> {
  // Held until this transaction ends; a transaction-level lock on the same key as Prisma's
  // session-level one, so either waits for the other. The history is read after taking it.
  await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK_ID]);
  const appliedNames = checkHistory(await readHistory(tx), migrations);
  const next = migrations.find((migration) => !appliedNames.has(migration.name));
  if (!next) return null;

  const [clock] = await tx.query<{ started_at: Date }>("SELECT clock_timestamp() AS started_at");
  try {
    await tx.exec(next.script);
  } catch (error) {
    throw new MigrationError(
      "MIGRATION_FAILED",
      `Migration ${next.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      next.name,
      { cause: error },
    );
  }
  await tx.query(
    `INSERT INTO "_prisma_migrations"
       ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
     VALUES ($1, $2, $3, $4, clock_timestamp(), 1)`,
    [randomUUID(), next.checksum, next.name, clock?.started_at ?? new Date()],
  );
  return next.name;
}

async function readHistory(tx: SqlRunner): Promise<HistoryRow[]> {
  const [table] = await tx.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!table?.exists) {
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    return [];
  }
  return tx.query<HistoryRow>(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at"
       FROM "_prisma_migrations" ORDER BY "started_at"`,
  );
}

/** Returns the names of applied migrations, or throws when the history forbids migrating. */
function checkHistory(rows: HistoryRow[], migrations: MigrationFile[]): Set<string> {
  // Rows marked rolled back (`prisma migrate resolve --rolled-back`) no longer count.
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      "PREVIOUS_MIGRATION_FAILED",
      `Migration ${failed.migration_name} is recorded in _prisma_migrations as started but never ` +
        "finished. Check what it left in the database, then mark it rolled back " +
        `(prisma migrate resolve --rolled-back ${failed.migration_name}) before migrating again.`,
      failed.migration_name,
    );
  }
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of live) {
    const file = files.get(row.migration_name);
    // A row without a folder is a migration from newer code; like `prisma migrate deploy`, it
    // does not stop older code from starting.
    if (file && !scriptMatchesChecksum(file.script, row.checksum)) {
      throw new MigrationError(
        "CHECKSUM_MISMATCH",
        `Migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum} ` +
          `in the database, ${file.checksum} on disk). Restore the original migration.sql and put ` +
          "the change in a new migration.",
        row.migration_name,
      );
    }
  }
  return new Set(live.map((row) => row.migration_name));
}
