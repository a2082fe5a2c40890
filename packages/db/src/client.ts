// The one way to reach Piiri's database: PGlite embedded in the process (development, tests,
// small installs) or a real PostgreSQL server, both behind the same Prisma client and raw SQL.
import type { PrismaClient } from "./generated/prisma/client.ts";
import { openPGliteDatabase } from "./backends/pglite.ts";
import { openPostgresDatabase } from "./backends/postgres.ts";

export type { PrismaClient } from "./generated/prisma/client.ts";

/** Where the data lives: an embedded PGlite (`dataDir: null` keeps it in memory) or a server. */
export type DatabaseConfig =
  { kind: "pglite"; dataDir: string | null } | { kind: "postgres"; url: string };

/** Raw SQL on one connection; what migrations and tests use instead of Prisma. */
export interface SqlRunner {
  /** Runs one or more statements (simple query protocol), discarding results. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with `$1, $2 …` parameters and returns its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** An open database: Prisma for repositories, raw SQL for the migrator and tests. */
export interface Database extends SqlRunner {
  readonly kind: "pglite" | "postgres";
  readonly prisma: PrismaClient;
  /** Runs `fn` in one transaction on one connection; commits if it resolves, rolls back if not. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Disconnects Prisma and closes the connection pool or PGlite; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Reads a DATABASE_URL: unset or empty → PGlite in `defaultDataDir`; `pglite:memory` → PGlite in
 * memory; `pglite:<dir>` or `pglite://<dir>` → PGlite in that directory; `postgres://` or
 * `postgresql://` → a PostgreSQL server. Anything else throws.
 */
export function parseDatabaseUrl(url: string | undefined, defaultDataDir: string): DatabaseConfig {
  const value = url?.trim() ?? "";
  if (value === "") return { kind: "pglite", dataDir: defaultDataDir };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  const pglite = /^pglite:(?:\/\/)?(.*)$/i.exec(value);
  if (pglite) {
    const location = pglite[1] ?? "";
    if (location === "memory") return { kind: "pglite", dataDir: null };
    if (location !== "") return { kind: "pglite", dataDir: location };
    throw new Error(
      'DATABASE_URL "pglite:" needs a directory (pglite:./data) or "memory" (pglite:memory)',
    );
  }
  // Only the scheme is echoed: the rest of an unknown URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new Error(
    `DATABASE_URL must start with postgres://, postgresql:// or pglite: (got ${
      scheme ? `a "${scheme}:" URL` : "something that is not a URL"
    })`,
  );
}

/** Opens (and for PGlite creates) the database; fails fast when a server cannot be reached. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === "pglite"
    ? openPGliteDatabase(config.dataDir)
    : openPostgresDatabase(config.url);
}
