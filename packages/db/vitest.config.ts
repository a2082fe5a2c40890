import { defineConfig } from "vitest/config";
import { piiriTestProjects } from "./src/testing/vitest.ts";

export default defineConfig({
  test: {
    projects: piiriTestProjects(),
    reporters: ["default", ["json", { outputFile: "../../.tmp/test-results/db.json" }]],
  },
});
