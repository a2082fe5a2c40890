// Prisma's own schema engine — the code behind `prisma migrate dev/diff/status/deploy` — compiled
// to WebAssembly (@prisma/schema-engine-wasm, the build Prisma 7.10 pins) and driven through a
// driver adapter, so it runs where the native engine binary cannot be downloaded. Development
// only: the drift test and the migration draft command use it.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { defaultMigrationsDir } from "../migrations-dir.ts";

export type { SchemaEngine } from "@prisma/schema-engine-wasm";

export const defaultSchemaPath = join(defaultMigrationsDir, "..", "schema.prisma");

// lib ES2023 without DOM types declares WebAssembly's types but not the global object.
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly: webAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let initialized: Promise<void> | undefined;

function initialize(): Promise<void> {
  initialized ??= (async () => {
    const packageDir = dirname(
      createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm"),
    );
    const bytes = await readFile(join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await webAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports["__wbindgen_start"] as () => void)();
  })();
  return initialized;
}

/**
 * An engine working on the database behind `adapter` (PrismaPGlite, PrismaPg). Shadow databases,
 * which diffs from a migrations directory need, come from the adapter's connectToShadowDb().
 */
export async function openSchemaEngine(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  schema: string,
): Promise<SchemaEngine> {
  await initialize();
  return bindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}

/** A migrations directory in the form the engine takes it (what Prisma's CLI reads from disk). */
export async function loadMigrationList(dir = defaultMigrationsDir): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(join(dir, "migration_lock.toml"), "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      folders.map(async (path) => ({
        path,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(join(dir, path, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: unknown) => ({ tag: "error" as const, value: String(error) }),
          ),
        },
      })),
    ),
  };
}

/** No external tables or enums (prisma.config.ts declares none). */
export const NO_FILTERS = { externalTables: [], externalEnums: [] };
