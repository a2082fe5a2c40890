import { defineConfig } from "vitest/config";
// A relative import: Vite bundles the config with relative imports, but would hand a linked
// workspace package's .ts file to Node, which cannot load it.
import { piiriTestProjects } from "../../packages/db/src/testing/vitest.ts";

export default defineConfig({
  test: {
    projects: piiriTestProjects(),
    reporters: ["default", ["json", { outputFile: "../../.tmp/test-results/api.json" }]],
  },
});
