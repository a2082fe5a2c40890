import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/testing/setup.ts"],
    // A fixed zone with daylight saving time, so local-time conversions are tested for real.
    env: { TZ: "Europe/Helsinki" },
    reporters: ["default", ["json", { outputFile: "../../.tmp/test-results/web.json" }]],
  },
});
