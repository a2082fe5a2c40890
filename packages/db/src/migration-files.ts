// Reads prisma/migrations the way Prisma Migrate does: every sub-folder is one migration, named
// and ordered by its folder name, whose migration.sql is checksummed with SHA-256.
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { MigrationError } from "./migration-error.ts";

export interface MigrationFile {
  /** The folder name, e.g. 20261123090000_init; `migration_name` in `_prisma_migrations`. */
  name: string;
  script: string;
  /** Lowercase hex SHA-256 of migration.sql's bytes, as Prisma stores it. */
  checksum: string;
}

export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(
      "MIGRATIONS_DIR_NOT_FOUND",
      `Cannot read the migrations directory ${dir}; pass migrationsDir (PIIRI_MIGRATIONS_DIR) ` +
        "when running from a bundle",
      null,
      { cause: error },
    );
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name, "migration.sql");
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw new MigrationError("MIGRATION_SCRIPT_MISSING", `Missing ${path}`, name, {
          cause: error,
        });
      }
      return { name, script: bytes.toString("utf8"), checksum: sha256(bytes) };
    }),
  );
}

/**
 * Whether a stored checksum belongs to this script. Like Prisma, a script whose line endings git
 * converted (LF ↔ CRLF) still matches, so a Windows checkout does not look edited.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const expected = checksum.toLowerCase();
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll(/\r?\n/g, "\r\n")].some(
    (variant) => sha256(variant) === expected,
  );
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
