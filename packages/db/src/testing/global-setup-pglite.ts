// Vitest global setup of the int-pglite project: builds the PGlite templates once per run.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGLITE_TEMPLATES_ENV } from "./environment.ts";
import { buildPGliteTemplates, writePGliteTemplates } from "./pglite-templates.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "piiri-pglite-templates-"));
  await writePGliteTemplates(dir, await buildPGliteTemplates());
  // Test workers start after global setup and inherit this process's environment.
  process.env[PGLITE_TEMPLATES_ENV] = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
