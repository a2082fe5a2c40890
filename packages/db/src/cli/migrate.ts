// `pnpm --filter @piiri/db migrate`: applies pending migrations to the database named by
// DATABASE_URL, or to the embedded PGlite the API uses by default. Stop a running API first:
// a PGlite data directory must not be opened by two processes at once.
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, parseDatabaseUrl, type DatabaseConfig } from "../client.ts";
import { migrate } from "../migrate.ts";

// PIIRI_DATA_DIR means the same as for the API. Unset, it is where `npm start` and `pnpm dev` keep
// the API's data (.data at the repository root); pnpm runs this script inside packages/db, so relative paths are taken from
// the directory pnpm was started in (INIT_CWD).
const invokedFrom = process.env["INIT_CWD"] ?? process.cwd();
const dataDirSetting = process.env["PIIRI_DATA_DIR"];
const dataDir = dataDirSetting
  ? resolve(invokedFrom, dataDirSetting)
  : fileURLToPath(new URL("../../../../.data", import.meta.url));
const migrationsDirSetting = process.env["PIIRI_MIGRATIONS_DIR"];
const migrationsDir = migrationsDirSetting ? resolve(invokedFrom, migrationsDirSetting) : undefined;

async function main(): Promise<void> {
  const parsed = parseDatabaseUrl(process.env["DATABASE_URL"], join(dataDir, "pglite"));
  const config: DatabaseConfig =
    parsed.kind === "pglite" && parsed.dataDir !== null
      ? { kind: "pglite", dataDir: resolve(invokedFrom, parsed.dataDir) }
      : parsed;
  const db = await openDatabase(config);
  try {
    const { applied } = await migrate(db, { migrationsDir });
    const target = describe(config);
    process.stdout.write(
      applied.length === 0
        ? `${target} is up to date; no migration applied.\n`
        : `Applied ${applied.length} migration(s) to ${target}:\n${applied.map((name) => `  ${name}\n`).join("")}`,
    );
  } finally {
    await db.close();
  }
}

function describe(config: DatabaseConfig): string {
  if (config.kind === "postgres") {
    const url = new URL(config.url);
    url.password = "";
    return `PostgreSQL ${url.host}${url.pathname}`;
  }
  if (config.dataDir === null) return "an in-memory PGlite (gone when this command exits)";
  return `PGlite in ${config.dataDir}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
