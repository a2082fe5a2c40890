export type MigrationErrorCode =
  /** The migrations directory does not exist (a bundle that was not given migrationsDir?). */
  | "MIGRATIONS_DIR_NOT_FOUND"
  /** A folder in the migrations directory has no migration.sql. */
  | "MIGRATION_SCRIPT_MISSING"
  /** An applied migration's migration.sql was edited after it was applied. */
  | "CHECKSUM_MISMATCH"
  /** `_prisma_migrations` records a migration that started but never finished. */
  | "PREVIOUS_MIGRATION_FAILED"
  /** A migration's SQL failed now; its transaction was rolled back, nothing was recorded. */
  | "MIGRATION_FAILED";

/** Why the migrator refused or failed; `migrationName` names the migration folder involved. */
export class MigrationError extends Error {
  override name = "MigrationError";

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationName: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
