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

/**
 * Excalidraw offers only UI languages at least 85 % translated; its Finnish is 76 %, so
 * `langCode="fi-FI"` silently fell back to English. This lowers that threshold in the bundled
 * copy (untranslated strings still fall back to English). If an upgrade changes the code, the
 * build fails here instead of quietly losing Finnish.
 */
function excalidrawFinnish(): Plugin {
  const threshold = /var (\w+)=85,(\w+)=\{code:"en",label:"English"\}/;
  return {
    name: "piiri-excalidraw-finnish",
    apply: "build",
    transform(code, id) {
      if (!/@excalidraw[\\/]excalidraw[\\/]dist[\\/]prod[\\/]index\.js$/.test(id)) return null;
      if (!threshold.test(code)) {
        throw new Error("Excalidraw's language completion threshold moved: update excalidrawFinnish()");
      }
      return { code: code.replace(threshold, 'var $1=70,$2={code:"en",label:"English"}'), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), excalidrawFonts(), excalidrawFinnish()],
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
