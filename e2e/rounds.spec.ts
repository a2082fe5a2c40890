import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y.ts";
import { turnLobbyOff } from "./support/live.ts";
import {
  createGroup,
  createInvitationLink,
  joinWithInvitation,
  openNextSession,
} from "./support/groups.ts";
import { signUpSupervisor, uniqueEmail } from "./support/people.ts";
import { recordForeignRequests } from "./support/thirdParty.ts";

const LIVEKIT_ORIGIN = "http://127.0.0.1:7880";
/** Olli's computer clock is ten minutes slow: his page must still show the right time. */
const OLLI_CLOCK_SKEW_MS = -10 * 60_000;
// Waits for things that happen on the server's clock (a 10-second turn running out), with room
// for a loaded machine; these are upper bounds for a condition, not sleeps.
const TURN_WAIT_MS = 25_000;

/** Screenshots for people to look at, when PIIRI_SCREENSHOT_DIR is set. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.PIIRI_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** "4:05" → 245, "+0:42" → -42: what a countdown on the page says, in seconds. */
function shownSeconds(text: string): number {
  const over = text.startsWith("+");
  const [m = "0", s = "0"] = text.replace("+", "").split(":");
  const seconds = Number(m) * 60 + Number(s);
  return over ? -seconds : seconds;
}

async function roundTime(page: Page): Promise<number> {
  const text = (await page.getByTestId("round-time").innerText()).split("\n").at(-1) ?? "";
  return shownSeconds(text.replace(/^.*?([+]?\d+:\d\d)$/, "$1").trim());
}

async function person(browser: Browser, allowed: string[], foreign: string[][], skewMs = 0) {
  const context = await browser.newContext();
  foreign.push(recordForeignRequests(context, allowed));
  if (skewMs !== 0) {
    // A wrong system clock: Date and the performance time origin both read `skewMs` off.
    await context.addInitScript((skew: number) => {
      const realNow = Date.now.bind(Date);
      Date.now = () => realNow() + skew;
      Object.defineProperty(performance, "timeOrigin", { value: performance.timeOrigin + skew });
    }, skewMs);
  }
  return { context, page: await context.newPage() };
}

function participantRow(page: Page, name: string) {
  return page.getByTestId("participant-list").getByRole("listitem").filter({ hasText: name });
}

test("a check-in round and the agenda: everyone sees the same speaker, time and phase", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? "").origin;
  const allowed = [origin, LIVEKIT_ORIGIN];
  const foreign: string[][] = [];

  // ---- the group: a supervisor and two participants ----
  const anna = await person(browser, allowed, foreign);
  await signUpSupervisor(anna.page, "Anna Ohjaaja", uniqueEmail("anna"));
  const groupUrl = await createGroup(anna.page, "Tiimi Revontuli");
  await turnLobbyOff(anna.page, groupUrl);
  const link = await createInvitationLink(anna.page, { uses: 2 });

  const pia = await person(browser, allowed, foreign);
  await joinWithInvitation(pia.page, link, "Pia Pohjola", uniqueEmail("pia"), "Tiimi Revontuli");
  const olli = await person(browser, allowed, foreign, OLLI_CLOCK_SKEW_MS);
  await joinWithInvitation(olli.page, link, "Olli Ojala", uniqueEmail("olli"), "Tiimi Revontuli");

  // ---- planning before the session: a template, Pia presents the case ----
  await anna.page.goto(groupUrl);
  const planner = anna.page.getByRole("region", { name: "Asialistan suunnittelu" });
  await planner.getByLabel("Pohja").selectOption({ label: "Ryhmätyönohjaus 90 min" });
  await planner.getByRole("button", { name: "Ota pohja käyttöön" }).click();
  const reflections = planner.getByRole("listitem", {
    name: "Vaihe 7: Reflektiot – esittäjä kuuntelee",
  });
  await expect(reflections).toBeVisible();
  await expect(planner.getByText("Yhteensä 90 min")).toBeVisible();
  await reflections.getByLabel("Esittäjä", { exact: true }).selectOption({ label: "Pia Pohjola" });
  await planner.getByRole("button", { name: "Tallenna asialista" }).click();
  await expect(planner.getByText("Asialista tallennettu.")).toBeVisible();
  await shot(anna.page, "planner-fi");
  await expectNoA11yViolations(anna.page, "group (agenda planner)");

  // ---- everyone opens the session and sees the same agenda ----
  const everyone = [anna.page, pia.page, olli.page];
  for (const page of everyone) {
    if (page !== anna.page) await page.goto(groupUrl);
    await openNextSession(page);
  }
  for (const page of everyone) {
    const agenda = page.getByTestId("agenda-panel");
    await expect(agenda.getByTestId("phase-list").getByRole("listitem")).toHaveCount(9);
    await expect(agenda).toContainText("Tapaaminen ei ole vielä alkanut.");
    for (const name of ["Anna Ohjaaja", "Pia Pohjola", "Olli Ojala"]) {
      await expect(participantRow(page, name)).toHaveCount(1);
    }
  }
  // Participants see the agenda but have no controls.
  await expect(pia.page.getByRole("button", { name: "Aloita ensimmäinen vaihe" })).toHaveCount(0);

  // ---- the supervisor starts the first phase: everyone is in the check-in round phase ----
  await anna.page.getByRole("button", { name: "Aloita ensimmäinen vaihe" }).click();
  for (const page of everyone) {
    await expect(page.getByTestId("current-phase")).toHaveText("Alkukierros");
    await expect(page.getByTestId("phase-time")).toHaveText(/^1[45]:\d\d$/);
  }
  await expectNoA11yViolations(anna.page, "session with the round setup");
  await shot(anna.page, "supervisor-setup-fi");

  // ---- a check-in round with 10-second turns, automatic advance ----
  const setup = anna.page.getByRole("form", { name: "Uusi kierros" });
  await expect(setup.getByRole("checkbox", { name: "Pia Pohjola" })).toBeChecked();
  await expect(setup.getByRole("checkbox", { name: "Olli Ojala" })).toBeChecked();
  await expect(setup.getByRole("checkbox", { name: "Anna Ohjaaja" })).not.toBeChecked();
  await setup.getByRole("spinbutton", { name: "min" }).fill("0");
  await setup.getByRole("spinbutton", { name: "s", exact: true }).fill("10");
  await setup.getByRole("button", { name: "Aloita kierros" }).click();

  // The participant list's order (alphabetical after the supervisor): Olli, then Pia.
  for (const page of everyone) {
    await expect(page.getByTestId("round-speaker")).toHaveText("Olli Ojala");
    await expect(page.getByTestId("round-next")).toHaveText("Pia Pohjola");
    await expect(participantRow(page, "Olli Ojala").getByTestId("speaking-tag")).toBeVisible();
  }
  await expect(olli.page.getByTestId("round-panel")).toContainText("Sinun vuorosi");
  // Olli's clock is ten minutes slow (both clocks a page can read are)...
  const [pageDate, pagePerf] = await olli.page.evaluate(() => [
    Date.now(),
    performance.timeOrigin + performance.now(),
  ]);
  expect(Math.abs((pageDate ?? 0) - Date.now() - OLLI_CLOCK_SKEW_MS)).toBeLessThan(5_000);
  expect(Math.abs((pagePerf ?? 0) - Date.now() - OLLI_CLOCK_SKEW_MS)).toBeLessThan(5_000);
  // ...yet his page shows the speaker's time as Anna's does.
  const [annaSeconds, olliSeconds] = await Promise.all([
    roundTime(anna.page),
    roundTime(olli.page),
  ]);
  expect(annaSeconds).toBeGreaterThan(0);
  expect(annaSeconds).toBeLessThanOrEqual(10);
  expect(Math.abs(annaSeconds - olliSeconds)).toBeLessThanOrEqual(1);
  await expectNoA11yViolations(pia.page, "session during a round (participant)");
  await expectNoA11yViolations(anna.page, "session during a round (supervisor)");
  await shot(anna.page, "supervisor-round-fi");
  await shot(pia.page, "participant-round-fi");

  // When Olli's ten seconds are up, the turn moves to Pia on every page by itself.
  for (const page of everyone) {
    await expect(page.getByTestId("round-speaker")).toHaveText("Pia Pohjola", {
      timeout: TURN_WAIT_MS,
    });
    await expect(page.getByTestId("round-next-none")).toBeVisible();
  }
  const order = anna.page.getByTestId("speaking-order");
  await expect(order.getByRole("listitem").first()).toContainText("puhui");
  // Reloading (or joining late) brings the same state back from the server.
  await olli.page.reload();
  await expect(olli.page.getByTestId("round-speaker")).toHaveText("Pia Pohjola");
  await expect(olli.page.getByTestId("speaking-order").getByRole("listitem").first()).toContainText(
    "puhui",
  );

  // Pia passes her turn: the round ends for everyone.
  await pia.page.getByRole("button", { name: "Ohitan vuoroni" }).click();
  for (const page of everyone) {
    await expect(page.getByTestId("round-panel")).toContainText("Kierros päättyi.");
    await expect(page.getByTestId("round-speaker")).toHaveCount(0);
  }

  // ---- own order, arranged with the keyboard; manual advance shows over-time ----
  await setup.getByRole("radio", { name: "Oma järjestys" }).check();
  const speakers = setup
    .getByRole("list", { name: "Puhujat järjestyksessä" })
    .getByRole("listitem");
  await expect(speakers).toHaveText([/Anna Ohjaaja/, /Olli Ojala/, /Pia Pohjola/]);
  const handle = setup.getByRole("button", { name: "Siirrä: Pia Pohjola" });
  await handle.scrollIntoViewIfNeeded();
  await handle.focus();
  await anna.page.keyboard.press("Space");
  // dnd-kit marks the handle pressed once the keyboard drag has started.
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  // dnd-kit measures the list right after the drag starts; an arrow pressed before that moves
  // nothing, so press until Pia's row has moved up one place, then drop.
  const piaRow = speakers.filter({ hasText: "Pia Pohjola" });
  await expect(async () => {
    const moved = () => piaRow.evaluate((row) => /translate3d\([^,]+, -/.test(row.style.transform));
    if (!(await moved())) await anna.page.keyboard.press("ArrowUp");
    expect(await moved()).toBe(true);
  }).toPass({ timeout: 5_000 });
  await anna.page.keyboard.press("Space");
  await expect(handle).not.toHaveAttribute("aria-pressed", "true");
  await expect(speakers).toHaveText([/Anna Ohjaaja/, /Pia Pohjola/, /Olli Ojala/]);
  await setup.getByRole("spinbutton", { name: "min" }).fill("0");
  await setup.getByRole("spinbutton", { name: "s", exact: true }).fill("10");
  await setup.getByRole("checkbox", { name: /automaattisesti/ }).uncheck();
  await setup.getByRole("button", { name: "Aloita kierros" }).click();
  for (const page of everyone) {
    await expect(page.getByTestId("round-speaker")).toHaveText("Pia Pohjola");
    await expect(page.getByTestId("round-next")).toHaveText("Olli Ojala");
  }
  // Nobody moves the turn on: when the time is up the clock keeps counting, with a plus.
  await expect(pia.page.getByTestId("round-time")).toHaveText(/\+0:0[1-9]$/, {
    timeout: TURN_WAIT_MS,
  });
  await expect(olli.page.getByTestId("round-speaker")).toHaveText("Pia Pohjola");
  await shot(pia.page, "participant-overtime-fi");
  await anna.page.getByRole("button", { name: "Seuraava puhuja" }).click();
  for (const page of everyone) {
    await expect(page.getByTestId("round-speaker")).toHaveText("Olli Ojala");
  }
  await anna.page.getByRole("button", { name: "Päätä kierros" }).click();
  await expect(pia.page.getByTestId("round-panel")).toContainText("Kierros päättyi.");

  // ---- the reflecting team: Pia, the presenter, only listens ----
  await anna.page
    .getByRole("button", { name: "Siirry tähän vaiheeseen: Reflektiot – esittäjä kuuntelee" })
    .click();
  for (const page of everyone) {
    await expect(page.getByTestId("current-phase")).toHaveText("Reflektiot – esittäjä kuuntelee");
    await expect(participantRow(page, "Pia Pohjola").getByTestId("listening-tag")).toBeVisible();
  }
  await expect(pia.page.getByTestId("listen-only-marker")).toContainText("Kuuntelet");
  await expect(olli.page.getByTestId("listen-only-marker")).toHaveCount(0);
  await expectNoA11yViolations(pia.page, "session in a listen-only phase (presenter)");
  await shot(pia.page, "presenter-listening-fi");

  // ---- the supervisor edits the agenda during the session; everyone sees the change ----
  await anna.page.getByRole("button", { name: "Muokkaa asialistaa" }).click();
  const editor = anna.page.getByRole("form", { name: "Muokkaa asialistaa" });
  await editor
    .getByRole("listitem", { name: "Vaihe 9: Loppukierros" })
    .getByLabel("Vaiheen nimi")
    .fill("Loppukierros ja palaute");
  await editor.getByRole("button", { name: "Lisää vaihe" }).click();
  await editor
    .getByRole("listitem", { name: "Vaihe 10: Uusi vaihe" })
    .getByLabel("Kesto (min)")
    .fill("5");
  await expectNoA11yViolations(anna.page, "session with the agenda editor");
  await shot(anna.page, "supervisor-editor-fi");
  await editor.getByRole("button", { name: "Tallenna asialista" }).click();
  const olliPhases = olli.page.getByTestId("phase-list").getByRole("listitem");
  await expect(olliPhases).toHaveCount(10);
  await expect(olliPhases.nth(8)).toContainText("Loppukierros ja palaute");
  await expect(olliPhases.nth(9)).toContainText("Uusi vaihe");
  // The phase in progress kept its place and its clock.
  await expect(olli.page.getByTestId("current-phase")).toHaveText(
    "Reflektiot – esittäjä kuuntelee",
  );

  // ---- the same in English ----
  for (const page of [anna.page, pia.page]) {
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByTestId("current-phase")).toHaveText(
      "Reflections – the presenter listens",
    );
  }
  await expect(pia.page.getByTestId("listen-only-marker")).toContainText("You are listening");
  await expectNoA11yViolations(anna.page, "session (English, supervisor)");
  await shot(anna.page, "supervisor-listening-en");
  await shot(pia.page, "presenter-listening-en");

  expect(foreign.flat(), "requests to third parties").toEqual([]);
  await Promise.all([anna.context.close(), pia.context.close(), olli.context.close()]);
});

test("a co-supervisor, invited with that role, plans and runs the agenda", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? "").origin;
  const allowed = [origin, LIVEKIT_ORIGIN];
  const foreign: string[][] = [];
  const anna = await person(browser, allowed, foreign);
  await signUpSupervisor(anna.page, "Anna Ohjaaja", uniqueEmail("anna"));
  const groupUrl = await createGroup(anna.page, "Sovittelu Kajo", "Työyhteisösovittelu");
  await turnLobbyOff(anna.page, groupUrl);
  const link = await createInvitationLink(anna.page, { roleLabel: "työpariohjaaja" });
  await expect(anna.page.getByRole("list", { name: "Luodut kutsut" })).toContainText(
    "työpariohjaaja",
  );

  const kaisa = await person(browser, allowed, foreign);
  await joinWithInvitation(
    kaisa.page,
    link,
    "Kaisa Kumppani",
    uniqueEmail("kaisa"),
    "Sovittelu Kajo",
  );
  // A co-supervisor plans sessions but does not manage the group's invitations.
  await expect(kaisa.page.getByRole("heading", { name: "Kutsulinkit" })).toHaveCount(0);
  const planner = kaisa.page.getByRole("region", { name: "Asialistan suunnittelu" });
  await planner.getByLabel("Pohja").selectOption({ label: "Työyhteisösovittelu" });
  await planner.getByRole("button", { name: "Ota pohja käyttöön" }).click();
  await expect(planner.getByRole("listitem", { name: "Vaihe 1: Valmistelu" })).toBeVisible();
  await expect(planner.getByRole("listitem", { name: /^Vaihe \d+:/ })).toHaveCount(6);

  await openNextSession(kaisa.page);
  await expect(participantRow(kaisa.page, "Kaisa Kumppani").locator(".badge")).toHaveText(
    "työpariohjaaja",
  );
  await kaisa.page.getByRole("button", { name: "Aloita ensimmäinen vaihe" }).click();
  await expect(kaisa.page.getByTestId("current-phase")).toHaveText("Valmistelu");

  await anna.page.goto(groupUrl);
  await openNextSession(anna.page);
  await expect(anna.page.getByTestId("current-phase")).toHaveText("Valmistelu");
  await expect(participantRow(anna.page, "Kaisa Kumppani").locator(".badge")).toHaveText(
    "työpariohjaaja",
  );
  await expectNoA11yViolations(kaisa.page, "session (co-supervisor)");

  expect(foreign.flat(), "requests to third parties").toEqual([]);
  await Promise.all([anna.context.close(), kaisa.context.close()]);
});
