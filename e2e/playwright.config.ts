import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// The built API serves the built web app on one port, with an in-memory database and a LiveKit
// URL where nothing listens, so every session shows "video unavailable". `pnpm build` must have
// run first (the root test command does that).
const port = Number(process.env.PIIRI_E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
const isCI = Boolean(process.env.CI);

/** The Chromium to drive: an explicit path, then Debian's, else Playwright's own download. */
function chromiumPath(): string | undefined {
  if (process.env.PIIRI_CHROMIUM_PATH) return process.env.PIIRI_CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

const executablePath = chromiumPath();

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: isCI ? 1 : 2,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 60_000,
  expect: { timeout: 7_000 },
  // The JSON report feeds the "Tests: N passed, N failed" line of `npm test`.
  reporter: [
    ["list"],
    ["json", { outputFile: "../.tmp/test-results/e2e.json" }],
    ...(isCI ? [] : [["html", { open: "never", outputFolder: "playwright-report" }] as const]),
  ],
  use: {
    baseURL,
    locale: "en-US", // the app must still start in Finnish: it never follows the browser
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node ../apps/api/dist/main.js",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseURL,
      DATABASE_URL: "pglite:memory",
      BETTER_AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      LIVEKIT_PUBLIC_URL: "ws://127.0.0.1:7880",
      LIVEKIT_URL: "http://127.0.0.1:7880",
      // As behind a reverse proxy: a test's browser context may say it comes from an address of
      // its own (X-Forwarded-For), so its failed sign-ins count against that address only.
      TRUSTED_PROXIES: "127.0.0.1,::1",
    },
  },
});
