import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { AppEnv } from "./context.ts";

/** Serves the built React app; any other GET path gets index.html (client-side routing). */
export function webAppRoutes(webDist: string) {
  const indexFile = join(webDist, "index.html");
  const app = new Hono<AppEnv>();
  if (!existsSync(indexFile)) {
    return app.get("*", (c) =>
      c.text(
        "The web app is not built. Run `pnpm build` (or `npm start`) at the repository root.",
        503,
      ),
    );
  }
  const index = readFileSync(indexFile, "utf8");
  return app
    .use(
      "/assets/*",
      serveStatic({
        root: webDist,
        onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
      }),
    )
    .use("*", serveStatic({ root: webDist }))
    .get("*", (c) => {
      c.header("Cache-Control", "no-cache");
      return c.html(index);
    });
}
