import { defineConfig } from "tsup";

// Bundles the API and the workspace packages it imports (TypeScript source) into dist/main.js;
// npm dependencies stay external and load from node_modules.
export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  noExternal: [/^@piiri\//],
});
