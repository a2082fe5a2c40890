// Creating a PGlite runs initdb inside WebAssembly (seconds); loading a dump of a data directory
// takes a fraction of that. Test databases are therefore loaded from two dumps made once per test
// run by the global setup (or once per process when there is none): empty and migrated.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { wrapPGlite } from "../backends/pglite.ts";
import { migrate } from "../migrate.ts";
import { PGLITE_TEMPLATES_ENV } from "./environment.ts";

export interface PGliteTemplates {
  empty: Blob;
  migrated: Blob;
}

export async function buildPGliteTemplates(): Promise<PGliteTemplates> {
  const pglite = await PGlite.create();
  const db = wrapPGlite(pglite);
  try {
    const empty = await pglite.dumpDataDir("none");
    await migrate(db);
    return { empty, migrated: await pglite.dumpDataDir("none") };
  } finally {
    await db.close();
  }
}

export async function writePGliteTemplates(dir: string, templates: PGliteTemplates): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "empty.tar"), await bytesOf(templates.empty));
  await writeFile(join(dir, "migrated.tar"), await bytesOf(templates.migrated));
}

let cached: Promise<PGliteTemplates> | undefined;

/** The global setup's templates when it ran, else ones built (once) in this process. */
export function pgliteTemplates(): Promise<PGliteTemplates> {
  cached ??= (async () => {
    const dir = process.env[PGLITE_TEMPLATES_ENV];
    if (!dir) return buildPGliteTemplates();
    const [empty, migrated] = await Promise.all(
      ["empty.tar", "migrated.tar"].map(
        async (name) => new Blob([await readFile(join(dir, name))]),
      ),
    );
    if (!empty || !migrated) throw new Error(`PGlite templates missing in ${dir}`);
    return { empty, migrated };
  })();
  return cached;
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}
