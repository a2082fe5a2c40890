// The video stage as people see it once LiveKit is connected, on a phone and on a desktop. No
// LiveKit server can run where these tests run, so this drives the web app's test-only stage
// harness (apps/web/src/testing/harness, built here with apps/web/harness/vite.config.ts, never
// part of the app's build): the real stage components, with people simulated by livekit-client.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y.ts";

const WEB_DIR = fileURLToPath(new URL("../apps/web/", import.meta.url));
const HARNESS_DIR = fileURLToPath(new URL("./.artifacts/harness/", import.meta.url));
// Served by the test itself (page.route), so nothing listens here; localhost is a secure context,
// which the browser's (fake) camera needs.
const HARNESS_ORIGIN = "http://localhost:9";

test.beforeAll(() => {
  test.setTimeout(180_000);
  const vite = join(
    createRequire(join(WEB_DIR, "package.json")).resolve("vite/package.json"),
    "..",
    "bin",
    "vite.js",
  );
  execFileSync(process.execPath, [vite, "build", "--config", "harness/vite.config.ts"], {
    cwd: WEB_DIR,
    env: { ...process.env, PIIRI_HARNESS_OUT_DIR: HARNESS_DIR },
    stdio: "pipe",
  });
});

async function openStage(page: Page, people: number): Promise<void> {
  await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    const file = normalize(join(HARNESS_DIR, path));
    if (!file.startsWith(HARNESS_DIR.replace(/[\\/]$/, "") + sep) || !existsSync(file)) {
      return route.fulfill({ status: 404 });
    }
    return route.fulfill({ path: file });
  });
  await page.goto(`${HARNESS_ORIGIN}/video-stage.html?people=${people}`);
  await expect(page.getByRole("button", { name: "Mikrofoni" })).toBeVisible();
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not on screen");
  return found;
}

function overlap(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const { width, height, people } of [
  { width: 390, height: 844, people: 8 },
  { width: 1440, height: 900, people: 40 },
]) {
  test(`video stage at ${width}×${height}: the supervisor on the first page, page controls clear of the media buttons`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await openStage(page, people);

    const tiles = page.locator(".lk-participant-tile");
    const pages = page.getByRole("navigation", { name: "Videoruudukon sivut" });
    // More people than fit: the grid pages, and its controls say where you are, in Finnish.
    await expect(pages).toBeVisible();
    await expect(page.getByTestId("video-grid-page")).toHaveText(/^Sivu 1\/\d+$/);
    // The supervisor (simulated last) is on the first page, whatever the order of arrival.
    await expect(tiles.filter({ hasText: "Ulla Ohjaaja" })).toBeVisible();
    await expect(tiles.filter({ hasText: "Minna Mallikas (sinä)" })).toBeVisible();

    // The page controls and the tiles never cover Mikrofoni / Kamera / Jaa näyttö.
    const controls = await box(pages);
    const lastTile = await box(tiles.last());
    for (const name of ["Mikrofoni", "Kamera", "Jaa näyttö"]) {
      const button = await box(page.getByRole("button", { name }));
      expect(overlap(controls, button), `page controls over ${name}`).toBe(false);
      expect(overlap(lastTile, button), `a tile over ${name}`).toBe(false);
      expect(button.x + button.width).toBeLessThanOrEqual(width);
    }
    await page.screenshot({
      path: testInfo.outputPath(`video-stage-${width}x${height}.png`),
      fullPage: true,
    });
    await expectNoA11yViolations(page, `video stage ${width}×${height}`);

    // The next page has the others; back again.
    await page.getByRole("button", { name: "Seuraava sivu" }).click();
    await expect(page.getByTestId("video-grid-page")).toHaveText(/^Sivu 2\/\d+$/);
    await expect(tiles.filter({ hasText: "Ulla Ohjaaja" })).toHaveCount(0);
    await page.getByRole("button", { name: "Edellinen sivu" }).click();
    await expect(tiles.filter({ hasText: "Ulla Ohjaaja" })).toBeVisible();
    await context.close();
  });
}
