import { ConfigError, loadConfig } from "./env.ts";
import { startPiiri } from "./server.ts";

async function main(): Promise<void> {
  const config = loadConfig();
  const piiri = await startPiiri(config);
  process.stderr.write(`\n  Piiri is running: ${piiri.url}\n\n`);
  const shutdown = () => {
    piiri.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error("Piiri failed to start:", error);
  process.exit(1);
});
