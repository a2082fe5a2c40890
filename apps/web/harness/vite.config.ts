import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Builds the test-only pages in src/testing/harness, never the app (the app's build is
// ../vite.config.ts, whose only page is index.html). e2e/video-stage.spec.ts runs this and serves
// the result to Chromium itself, without a server.
const pages = new URL("../src/testing/harness/", import.meta.url);

export default defineConfig({
  root: fileURLToPath(pages),
  base: "./",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir:
      process.env.PIIRI_HARNESS_OUT_DIR ?? fileURLToPath(new URL("../.harness", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4_000,
    rolldownOptions: { input: fileURLToPath(new URL("video-stage.html", pages)) },
  },
});
