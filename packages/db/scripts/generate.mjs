// Runs `prisma generate` offline. Prisma's CLI insists on locating its schema engine binary
// even though generating the `prisma-client` (no Rust engine) never executes it, and that binary
// cannot be downloaded on every machine. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file satisfies the lookup; an engine the user configured themselves is kept.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
