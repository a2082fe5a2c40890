import { cpSync, createReadStream, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

// The API (apps/api) listens on 3000 in development; in production it serves this build itself
// on one origin, so every request the app makes is same-origin and relative.
const API_ORIGIN = process.env.PIIRI_DEV_API_ORIGIN ?? "http://127.0.0.1:3000";

/** Where the browser finds Excalidraw's fonts; the board sets `window.EXCALIDRAW_ASSET_PATH` to it. */
const EXCALIDRAW_ASSET_URL = "/excalidraw/";

/**
 * Excalidraw loads its fonts from a public CDN unless they are served next to the app. This
 * serves `@excalidraw/excalidraw/dist/prod/fonts` at /excalidraw/fonts in development and copies
 * it into the build, so the browser never asks another origin for them. (A dozen lines instead
 * of vite-plugin-static-copy, whose current major needs Node 22.)
 */
function excalidrawFonts(): Plugin {
  const require = createRequire(import.meta.url);
  // The package's entry is dist/prod/index.js; its fonts sit beside it.
  const fontsDir = join(dirname(require.resolve("@excalidraw/excalidraw")), "fonts");
  const prefix = `${EXCALIDRAW_ASSET_URL}fonts/`;
  let outDir = "dist";
  return {
    name: "piiri-excalidraw-fonts",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        if (!path.startsWith(prefix)) return next();
        const file = normalize(join(fontsDir, decodeURIComponent(path.slice(prefix.length))));
        if (!file.startsWith(fontsDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader("Content-Type", "font/woff2");
        createReadStream(file).pipe(res);
      });
    },
    writeBundle() {
      cpSync(fontsDir, join(outDir, EXCALIDRAW_ASSET_URL, "fonts"), { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [react(), excalidrawFonts()],
  server: {
    port: Number(process.env.PIIRI_WEB_PORT ?? 5173),
    proxy: {
      "/api": { target: API_ORIGIN, changeOrigin: false },
      "/socket.io": { target: API_ORIGIN, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
});
