// `pnpm bench` runs every scenario in this folder (`*.bench.ts`), one after another, each in this
// process. A scenario default-exports an async function that measures Piiri against a baseline
// run in the same process and prints one line: `BENCH <name> key=value …`. Pass scenario names
// as arguments to run only those (`pnpm --filter @piiri/api bench rounds`).
import { readdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

type Scenario = () => Promise<void>;

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => only.length === 0 || only.includes(file.replace(/\.bench\.ts$/, "")))
  .sort();

if (files.length === 0) console.log("BENCH none (no scenarios yet)");
for (const file of files) {
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { default: Scenario };
  await module.default();
}
process.exit(0);
