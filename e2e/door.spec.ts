import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y.ts";
import {
  inviteParticipant,
  openSession,
  participantRow,
  passDeviceCheck,
  supervisorWithGroup,
} from "./support/live.ts";

/** Full-page screenshots for a person to look at, when PIIRI_SCREENSHOT_DIR is set. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.PIIRI_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

test("a participant early for a session is told when it opens, and goes in once the supervisor enters", async ({
  browser,
}) => {
  // Two people through sign-up, invitation and device checks: long on a busy machine.
  test.setTimeout(120_000);
  // The group's first session is a week away (the form's default date).
  const context = await browser.newContext();
  const anna = await context.newPage();
  const groupUrl = await supervisorWithGroup(anna, "Oona Ohjaaja", "Ryhmä Aamu");

  // The supervisor's door settings on the group page: lobby off, open 30 min before the start.
  const door = anna.getByRole("region", { name: "Tapaamisiin pääsy" });
  await expect(door.getByLabel("Odotustila käytössä")).toBeChecked();
  await door.getByLabel("Odotustila käytössä").uncheck();
  const window = door.getByLabel(/Tapaaminen avautuu ohjattaville/);
  await expect(window).toHaveValue("15");
  await window.fill("121");
  await door.getByRole("button", { name: "Tallenna" }).click();
  await expect(door.getByText("Anna kokonaisluku väliltä 0–120.")).toBeVisible();
  await window.fill("30");
  await door.getByRole("button", { name: "Tallenna" }).click();
  await expect(door.getByText("Asetukset tallennettu.")).toBeVisible();
  await shot(anna, "door-settings-fi");

  const ville = await inviteParticipant(browser, anna, "Ryhmä Aamu", "Veli Vuori");
  await openSession(ville.page);
  await passDeviceCheck(ville.page);
  await expect(
    ville.page.getByRole("heading", { level: 1, name: "Tapaaminen ei ole vielä alkanut" }),
  ).toBeVisible();
  await expect(
    ville.page.getByText(/^Tapaaminen avautuu .*klo 8\.30 tai heti, kun työnohjaaja avaa sen\./),
  ).toBeVisible();
  await expect(ville.page.getByRole("status")).toHaveText("Odotetaan tapaamisen avautumista");
  await expectNoA11yViolations(ville.page, "session not open yet");
  await ville.page.setViewportSize({ width: 1440, height: 900 });
  await shot(ville.page, "not-open-desktop-fi");
  await ville.page.setViewportSize({ width: 390, height: 844 });
  await shot(ville.page, "not-open-phone-fi");

  // The supervisor enters: the session opens, and Ville is in without reloading his page.
  await anna.goto(groupUrl);
  await openSession(anna);
  await passDeviceCheck(anna);
  await expect(ville.page.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();
  await expect(participantRow(anna, "Veli Vuori")).toHaveCount(1);
  await expect(participantRow(ville.page, "Oona Ohjaaja")).toHaveCount(1);

  // The group page shows the session as open.
  const groupPage = await context.newPage();
  await groupPage.goto(groupUrl);
  await expect(
    groupPage.getByRole("region", { name: "Tapaamiskerrat" }).getByText("Käynnissä"),
  ).toBeVisible();
  await Promise.all([context.close(), ville.context.close()]);
});
