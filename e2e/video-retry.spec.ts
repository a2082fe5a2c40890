// Video comes back by itself: with no LiveKit at the configured address (as here), the session
// page keeps trying on its own, each time with a fresh token from the API and a longer wait, says
// so calmly without flickering, and a person can still try at once.
import { expect, test } from "@playwright/test";
import { openSession, passDeviceCheck, supervisorWithGroup } from "./support/live.ts";

declare global {
  interface Window {
    videoPhases?: string[];
    videoRetryPlanned?: number[];
  }
}

test("video keeps trying by itself, with fresh tokens and growing waits, and at once on request", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  // Every phase the video status shows, in order, and when each automatic retry was planned.
  await page.addInitScript(() => {
    window.videoPhases = [];
    window.videoRetryPlanned = [];
    let retry: string | null = null;
    new MutationObserver(() => {
      const status = document.querySelector("[data-video-phase]");
      const phase = status?.getAttribute("data-video-phase");
      const phases = window.videoPhases ?? [];
      if (phase && phases.at(-1) !== phase) phases.push(phase);
      const next = status?.getAttribute("data-video-retry") ?? null;
      if (next === "planned" && retry !== "planned") window.videoRetryPlanned?.push(Date.now());
      retry = next;
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-video-phase", "data-video-retry"],
    });
  });
  const tokens: number[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/livekit-token")) {
      tokens.push(Date.now());
    }
  });

  await supervisorWithGroup(page, "Riikka Uusinta", "Uudelleenyritys");
  await openSession(page);
  await passDeviceCheck(page);
  await expect(page.getByText("Video ei ole käytettävissä")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Yritetään uudelleen automaattisesti/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Yritä uudelleen" })).toBeVisible();

  // Five tries, each with a fresh token. The waits between a failure and the next try grow:
  // about ½–1 s, 1–2 s, 2–4 s, 4–8 s (half of each doubling step fixed, half random).
  await expect.poll(() => tokens.length, { timeout: 40_000 }).toBeGreaterThanOrEqual(5);
  const planned = await page.evaluate(() => window.videoRetryPlanned ?? []);
  const waits = planned.slice(0, 4).map((at, i) => (tokens[i + 1] ?? Number.NaN) - at);
  const said = `waits ${waits.join(", ")} ms`;
  const bounds: Array<[number, number]> = [
    [500, 1_000],
    [1_000, 2_000],
    [2_000, 4_000],
    [4_000, 8_000],
  ];
  for (const [i, [low, high]] of bounds.entries()) {
    expect(waits[i], said).toBeGreaterThanOrEqual(low - 50);
    // A busy machine may fire a timer late, never early.
    expect(waits[i], said).toBeLessThanOrEqual(high + 1_500);
  }

  // Calm: after the first failure the words stay the same; no flicker back to "connecting".
  const phases = await page.evaluate(() => window.videoPhases ?? []);
  const firstLoss = phases.indexOf("unavailable");
  expect(firstLoss, phases.join(" → ")).toBeGreaterThanOrEqual(0);
  expect(phases.slice(firstLoss), phases.join(" → ")).toEqual(["unavailable"]);

  // The person need not wait for the next planned try.
  const before = tokens.length;
  await page.getByRole("button", { name: "Yritä uudelleen" }).click();
  await expect.poll(() => tokens.length, { timeout: 2_000 }).toBe(before + 1);
  await expect(page.getByText("Video ei ole käytettävissä")).toBeVisible({ timeout: 15_000 });

  // In English too.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByText("Video unavailable")).toBeVisible();
  await expect(page.getByText(/Trying again automatically/)).toBeVisible();
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole("region", { name: "Video" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`video-retrying-${width}x${height}.png`) });
  }
});
