import { defineConfig } from "tsup";

// Bundles the API and the workspace packages it imports (TypeScript source) into dist/main.js.
// npm packages stay external and load from node_modules: @piiri/db's runtime packages are
// therefore also dependencies of this package (PGlite, for one, loads its WASM from its own
// install location and must not be bundled).
export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  noExternal: [/^@piiri\//],
  external: [/^(?!@piiri\/)[a-z@]/],
});
