import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y.ts";
import {
  handQueue,
  inviteParticipant,
  openSession,
  participantRow,
  passDeviceCheck,
  supervisorAction,
  supervisorWithGroup,
} from "./support/live.ts";
import { recordForeignRequests } from "./support/thirdParty.ts";

const LIVEKIT_ORIGIN = "http://127.0.0.1:7880";
// Without a LiveKit server, "video unavailable" must be said within the connect timeout.
const VIDEO_VERDICT_MS = 15_000;
// A dropped socket notices and comes back through socket.io's own reconnect back-off.
const RECONNECT_MS = 30_000;

/** Collects the page's Content-Security-Policy violations (the E2EE worker must be allowed). */
function recordCspViolations(page: Page, into: string[]): void {
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) into.push(message.text());
  });
}

async function safetyCode(page: Page): Promise<string> {
  const code = page.getByTestId("safety-code");
  await expect(code).toHaveText(/Turvakoodi \d{4} \d{4} \d{4}/, { timeout: 15_000 });
  return (await code.textContent()) ?? "";
}

test("device check: a live camera preview, a microphone meter, choices remembered", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? "").origin;
  const context = await browser.newContext();
  const foreign = recordForeignRequests(context, [origin, LIVEKIT_ORIGIN]);
  const page = await context.newPage();
  await supervisorWithGroup(page, "Kaisa Kokeilija", "Laitetesti");
  await openSession(page);

  // The fake camera plays: the preview has real frames.
  const preview = page.getByTestId("device-preview-video");
  await expect(preview).toBeVisible();
  await page.waitForFunction(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="device-preview-video"]');
    return video !== null && video.readyState >= 2 && video.videoWidth > 0;
  });
  await expect(page.getByLabel("Laite").first()).toBeEnabled();
  // The fake microphone beeps: the meter moves.
  await page.waitForFunction(
    () =>
      Number(document.querySelector('[data-testid="mic-level"]')?.getAttribute("data-level")) > 0,
    undefined,
    { timeout: 15_000 },
  );
  await expect(page.getByText(/salataan päästä päähän/)).toBeVisible();
  await expectNoA11yViolations(page, "device check");

  // Camera off: the preview says so, and the choice survives a reload.
  await page.getByLabel("Kamera päällä liittyessä").uncheck();
  await expect(page.getByText("Kamera on pois päältä")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Kamera päällä liittyessä")).not.toBeChecked();
  await expect(page.getByLabel("Mikrofoni päällä liittyessä")).toBeChecked();
  await expect(page.getByText("Kamera on pois päältä")).toBeVisible();

  // Joining goes to the room (the supervisor never waits), where video is unavailable here.
  await passDeviceCheck(page);
  await expect(page.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();
  await expect(page.getByText("Video ei ole käytettävissä")).toBeVisible({
    timeout: VIDEO_VERDICT_MS,
  });
  expect(foreign, "requests to third parties").toEqual([]);
  await context.close();
});

test("live session: lobby, hands, spotlight, reconnect, removal and the end, for three people", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? "").origin;
  const allowed = [origin, LIVEKIT_ORIGIN];
  const foreign: string[] = [];

  const supervisorContext = await browser.newContext();
  foreign.push(...recordForeignRequests(supervisorContext, allowed));
  const anna = await supervisorContext.newPage();
  const groupUrl = await supervisorWithGroup(anna, "Anna Ohjaaja", "Tiimi Kuusi");
  const ville = await inviteParticipant(browser, anna, "Tiimi Kuusi", "Ville Virtanen", (c) =>
    foreign.push(...recordForeignRequests(c, allowed)),
  );
  const sanna = await inviteParticipant(browser, anna, "Tiimi Kuusi", "Sanna Salo", (c) =>
    foreign.push(...recordForeignRequests(c, allowed)),
  );

  const cspViolations: string[] = [];
  for (const page of [anna, ville.page, sanna.page]) recordCspViolations(page, cspViolations);

  // ---- the supervisor goes in; no waiting for her ----
  await anna.goto(groupUrl);
  await openSession(anna);
  await passDeviceCheck(anna);
  await expect(anna.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();
  const knocking = anna.getByTestId("knocking");
  await expect(knocking).toContainText("Kukaan ei odota pääsyä.");

  // ---- Ville knocks and waits; Anna sees him and lets him in ----
  await openSession(ville.page);
  await passDeviceCheck(ville.page);
  await expect(
    ville.page.getByRole("heading", { level: 1, name: "Odotat pääsyä tapaamiseen" }),
  ).toBeVisible();
  await expect(ville.page.getByTestId("participant-list")).toHaveCount(0);
  await expectNoA11yViolations(ville.page, "lobby");
  await expect(knocking.getByRole("listitem")).toHaveText([/Ville Virtanen/]);
  await anna.getByRole("button", { name: "Päästä sisään: Ville Virtanen" }).click();
  await expect(ville.page.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();
  await expect(participantRow(anna, "Ville Virtanen")).toHaveCount(1);

  // ---- Sanna knocks, is declined, asks again and is let in ----
  await openSession(sanna.page);
  await passDeviceCheck(sanna.page);
  await expect(knocking.getByRole("listitem")).toHaveText([/Sanna Salo/]);
  await anna.getByRole("button", { name: "Hylkää: Sanna Salo" }).click();
  await expect(
    sanna.page.getByRole("heading", { level: 1, name: "Et päässyt tapaamiseen" }),
  ).toBeVisible();
  await expect(knocking).toContainText("Kukaan ei odota pääsyä.");
  await expectNoA11yViolations(sanna.page, "lobby (declined)");
  await sanna.page.getByRole("button", { name: "Pyydä pääsyä uudelleen" }).click();
  await expect(
    sanna.page.getByRole("heading", { level: 1, name: "Odotat pääsyä tapaamiseen" }),
  ).toBeVisible();
  await anna.getByRole("button", { name: "Päästä sisään: Sanna Salo" }).click();
  await expect(sanna.page.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();

  const everyone = [anna, ville.page, sanna.page];
  for (const page of everyone) {
    await expect(page.getByTestId("participant-list").getByRole("listitem")).toHaveCount(3);
    await expect(page.getByText("Video ei ole käytettävissä")).toBeVisible({
      timeout: VIDEO_VERDICT_MS,
    });
  }

  // ---- one room key, made in Anna's browser, the same safety code on every screen ----
  const code = await safetyCode(anna);
  expect(await safetyCode(ville.page)).toBe(code);
  expect(await safetyCode(sanna.page)).toBe(code);

  // ---- hands: the queue in order of raising, the same for everyone ----
  await sanna.page.getByRole("button", { name: "Nosta käsi" }).click();
  await expect(handQueue(anna)).toHaveText(["Sanna Salo"]);
  await ville.page.getByRole("button", { name: "Nosta käsi" }).click();
  for (const page of everyone)
    await expect(handQueue(page)).toHaveText(["Sanna Salo", "Ville Virtanen"]);
  await expect(ville.page.getByTestId("my-hand-place")).toHaveText("Olet jonossa 2.");
  await expect(participantRow(anna, "Ville Virtanen").getByTestId("hand-mark")).toContainText("2.");
  // The supervisor gives Sanna the turn and lowers her hand: Ville is next.
  await anna.getByRole("button", { name: "Laske käsi: Sanna Salo" }).click();
  for (const page of everyone) await expect(handQueue(page)).toHaveText(["Ville Virtanen"]);
  await expect(ville.page.getByTestId("my-hand-place")).toHaveText("Olet jonossa 1.");

  // ---- spotlight for everyone ----
  await supervisorAction(anna, "Ville Virtanen", "Korosta kaikille");
  for (const page of everyone) {
    await expect(page.getByTestId("spotlight-banner")).toHaveText(
      "★ Kaikille korostettu: Ville Virtanen",
    );
    await expect(
      participantRow(page, "Ville Virtanen").getByTestId("spotlight-mark"),
    ).toBeVisible();
  }

  // ---- a reaction reaches everyone, with a name ----
  await sanna.page.getByRole("button", { name: "Lähetä reaktio 👏" }).click();
  await expect(anna.getByTestId("reactions")).toContainText("Sanna Salo: 👏");
  await expect(ville.page.getByTestId("reactions")).toContainText("Sanna Salo: 👏");

  await expectNoA11yViolations(anna, "room (supervisor)");
  await expectNoA11yViolations(ville.page, "room (participant)");

  // ---- Ville's network drops and comes back: he is still in, hand and spotlight kept ----
  await ville.context.setOffline(true);
  await expect(ville.page.getByTestId("connection-status")).toHaveAttribute(
    "data-status",
    "reconnecting",
    { timeout: RECONNECT_MS },
  );
  await expect(ville.page.getByText(/Yhteys katkesi\. Yhdistetään uudelleen/)).toBeVisible();
  await ville.context.setOffline(false);
  await expect(ville.page.getByTestId("connection-status")).toHaveAttribute(
    "data-status",
    "joined",
    { timeout: RECONNECT_MS },
  );
  await expect(ville.page.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();
  await expect(handQueue(ville.page)).toHaveText(["Ville Virtanen"]);
  await expect(ville.page.getByTestId("spotlight-banner")).toContainText("Ville Virtanen");
  await expect(participantRow(anna, "Ville Virtanen")).toHaveCount(1);
  await expect(knocking).toContainText("Kukaan ei odota pääsyä.");
  // The key exchange ran again after the reconnect: still one code for all.
  await expect(ville.page.getByTestId("safety-code")).toHaveText(await safetyCode(anna));

  // ---- the supervisor turns Ville's microphone off: he is told ----
  await supervisorAction(anna, "Ville Virtanen", "Sulje mikrofoni");
  await expect(ville.page.getByTestId("live-notice")).toContainText(
    "Työnohjaaja sulki mikrofonisi",
  );

  // ---- removal, with confirmation: Sanna is out for good, the key changes ----
  await supervisorAction(anna, "Sanna Salo", "Poista tapaamisesta");
  const dialog = anna.getByRole("dialog", { name: "Poistetaanko Sanna Salo tapaamisesta?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Poista" }).click();
  await expect(
    sanna.page.getByRole("heading", { level: 1, name: "Sinut poistettiin tapaamisesta" }),
  ).toBeVisible();
  await expect(sanna.page.getByTestId("participant-list")).toHaveCount(0);
  await expect(participantRow(anna, "Sanna Salo")).toHaveCount(0);
  await expect(participantRow(ville.page, "Sanna Salo")).toHaveCount(0);
  await expect(anna.getByTestId("safety-code")).not.toHaveText(code);
  await expect(ville.page.getByTestId("safety-code")).toHaveText(await safetyCode(anna));
  // A reload does not bring her back.
  await sanna.page.reload();
  await expect(
    sanna.page.getByRole("heading", { level: 1, name: "Sinut poistettiin tapaamisesta" }),
  ).toBeVisible();

  // ---- the supervisor ends the session for everyone ----
  await anna.getByRole("button", { name: "Päätä tapaaminen kaikilta" }).click();
  await anna
    .getByRole("dialog", { name: "Päätetäänkö tapaaminen kaikilta?" })
    .getByRole("button", { name: "Päätä tapaaminen" })
    .click();
  await expect(
    ville.page.getByRole("heading", { level: 1, name: "Tapaaminen on päättynyt" }),
  ).toBeVisible();

  expect(foreign, "requests to third parties").toEqual([]);
  expect(cspViolations, "CSP violations").toEqual([]);
  await Promise.all([supervisorContext.close(), ville.context.close(), sanna.context.close()]);
});

test("with the lobby off, members go straight in; attendance for the supervisor", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const anna = await context.newPage();
  const groupUrl = await supervisorWithGroup(anna, "Outi Ohjaaja", "Ryhmä Ilman Odotusta");
  const ville = await inviteParticipant(browser, anna, "Ryhmä Ilman Odotusta", "Veli Vuori");
  await anna.goto(groupUrl);
  await openSession(anna);
  await passDeviceCheck(anna);
  // The switch shows the server's setting: it flips once the server has stored it.
  const lobbySwitch = anna.getByRole("switch", { name: "Odotustila käytössä" });
  await expect(lobbySwitch).toBeChecked();
  await lobbySwitch.click();
  await expect(lobbySwitch).not.toBeChecked();
  await expect(anna.getByText(/Odotustila on pois päältä/)).toBeVisible();

  await openSession(ville.page);
  await passDeviceCheck(ville.page);
  await expect(ville.page.getByRole("heading", { level: 1, name: "Tapaaminen" })).toBeVisible();
  await expect(participantRow(anna, "Veli Vuori")).toHaveCount(1);

  // ---- attendance, from the group page: only the supervisor has it ----
  await anna.goto(groupUrl);
  await anna
    .getByRole("link", { name: /^Läsnäolo / })
    .first()
    .click();
  await expect(anna.getByRole("heading", { level: 1, name: "Läsnäolo" })).toBeVisible();
  const table = anna.getByTestId("attendance");
  await expect(table.getByRole("rowheader")).toHaveText(["Outi Ohjaaja", "Veli Vuori"]);
  // No video here (nothing listens at the LiveKit URL): Piiri itself saw who was in.
  await expect(table.getByRole("columnheader", { name: "Lähde" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Veli Vuori/ })).toContainText("yhä paikalla");
  await expect(table.getByRole("row", { name: /Veli Vuori/ })).toContainText("Piiri");
  await expectNoA11yViolations(anna, "attendance");
  const [download] = await Promise.all([
    anna.waitForEvent("download"),
    anna.getByRole("link", { name: "Lataa CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^piiri-lasnaolo-\d{4}-\d{2}-\d{2}\.csv$/);
  await ville.page.goto(groupUrl);
  await expect(ville.page.getByRole("link", { name: /Avaa tapaaminen/ }).first()).toBeVisible();
  await expect(ville.page.getByRole("link", { name: /^Läsnäolo / })).toHaveCount(0);
  await Promise.all([context.close(), ville.context.close()]);
});
