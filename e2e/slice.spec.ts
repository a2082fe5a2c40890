import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y.ts";
import { passDeviceCheck } from "./support/live.ts";
import { signUpSupervisor, uniqueEmail } from "./support/people.ts";
import { recordForeignRequests } from "./support/thirdParty.ts";

const LIVEKIT_ORIGIN = "http://127.0.0.1:7880";
// Connecting to a LiveKit address where nothing listens must end in words within seconds.
const VIDEO_VERDICT_MS = 15_000;

function participantRow(page: Page, name: string) {
  return page.getByTestId("participant-list").getByRole("listitem").filter({ hasText: name });
}

test("sign-in page: Finnish by default, accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await expect(page.getByRole("heading", { level: 1, name: "Kirjaudu sisään" })).toBeVisible();
  await expectNoA11yViolations(page, "sign-in");

  // Wrong credentials are explained in Finnish, from the error code.
  await page.getByLabel("Sähköposti").fill(uniqueEmail("nobody"));
  await page.getByLabel("Salasana").fill("väärä-salasana-123");
  await page.getByRole("button", { name: "Kirjaudu", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Sähköposti tai salasana on väärin.");
});

test("an unknown invitation link says so clearly", async ({ page }) => {
  await page.goto(`/invite/${"x".repeat(43)}`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Kutsu ei ole käytettävissä" }),
  ).toBeVisible();
  await expect(page.getByText("Kutsulinkkiä ei löytynyt.")).toBeVisible();
});

test("a revoked invitation stops working and says why", async ({ browser }) => {
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signUpSupervisor(supervisor, "Berit Bäck", uniqueEmail("berit"));
  await supervisor.getByLabel("Ryhmän nimi").fill("Esihenkilöt");
  await supervisor.getByLabel("Työnohjauksen muoto").selectOption({ label: "Työyhteisösovittelu" });
  await supervisor.getByRole("button", { name: "Perusta ryhmä" }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: "Esihenkilöt" })).toBeVisible();

  await supervisor.getByLabel("Tunniste").fill("Sijainen");
  await supervisor.getByLabel("Montako henkilöä voi käyttää linkkiä").fill("3");
  await supervisor.getByLabel("Voimassa (päivää)").fill("2");
  await supervisor.getByRole("button", { name: "Luo kutsulinkki" }).click();
  const invitationUrl = await supervisor.getByTestId("invitation-url").inputValue();
  const row = supervisor.getByRole("list", { name: "Luodut kutsut" }).getByRole("listitem");
  await expect(row).toContainText("Sijainen");
  await expect(row).toContainText("Käytetty 0/3");

  await supervisor.getByRole("button", { name: "Peru kutsu: Sijainen" }).click();
  await expect(row).toContainText("Peruttu");
  await expect(supervisor.getByRole("button", { name: /Peru kutsu/ })).toHaveCount(0);
  // Done: the raw link is gone from the page for good.
  await supervisor.getByRole("button", { name: "Valmis" }).click();
  await expect(supervisor.getByTestId("invitation-url")).toHaveCount(0);

  const visitor = await browser.newPage();
  await visitor.goto(invitationUrl);
  await expect(
    visitor.getByRole("heading", { level: 1, name: "Kutsu ei ole käytettävissä" }),
  ).toBeVisible();
  await expect(
    visitor.getByText("Työnohjaaja on perunut tämän kutsun.", { exact: false }),
  ).toBeVisible();
  await expect(visitor.getByLabel("Nimesi ryhmässä")).toHaveCount(0);
  await Promise.all([supervisorContext.close(), visitor.close()]);
});

test("the foundation slice: supervisor, invitation, participant, live session", async ({
  browser,
  baseURL,
}) => {
  // Two people, a session that opens when the supervisor enters, a lobby: long on a busy machine.
  test.setTimeout(120_000);
  const origin = new URL(baseURL ?? "").origin;

  // ---- the supervisor signs up and creates a group ----
  const supervisorContext = await browser.newContext();
  const foreign = recordForeignRequests(supervisorContext, [origin, LIVEKIT_ORIGIN]);
  const supervisor = await supervisorContext.newPage();
  await signUpSupervisor(supervisor, "Anna Ohjaaja", uniqueEmail("anna"));

  await supervisor.getByLabel("Ryhmän nimi").fill("Tiimi Aurora");
  await supervisor.getByLabel("Työnohjauksen muoto").selectOption({ label: "Ryhmätyönohjaus" });
  await supervisor.getByLabel("Kellonaika").fill("09:00");
  await supervisor.getByRole("button", { name: "Perusta ryhmä" }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: "Tiimi Aurora" })).toBeVisible();
  await expect(supervisor.getByText("Ryhmätyönohjaus").first()).toBeVisible();
  const groupUrl = supervisor.url();

  // ---- an invitation link, shown once ----
  await supervisor.getByRole("button", { name: "Luo kutsulinkki" }).click();
  const linkField = supervisor.getByTestId("invitation-url");
  await expect(linkField).toHaveValue(new RegExp(`^${origin}/invite/[A-Za-z0-9_-]{43}$`));
  const invitationUrl = await linkField.inputValue();
  const invitations = supervisor.getByRole("list", { name: "Luodut kutsut" });
  await expect(invitations.getByRole("listitem")).toHaveCount(1);
  await expect(invitations).toContainText("Voimassa");
  await expect(invitations).toContainText("Käytetty 0/1");
  await expectNoA11yViolations(supervisor, "group");

  // ---- the participant opens it in another browser and joins ----
  const participantContext = await browser.newContext();
  foreign.push(...recordForeignRequests(participantContext, [origin, LIVEKIT_ORIGIN]));
  const participant = await participantContext.newPage();
  await participant.goto(invitationUrl);
  await expect(participant.getByRole("heading", { level: 1, name: "Tiimi Aurora" })).toBeVisible();
  await expect(participant.getByText("Anna Ohjaaja kutsuu sinut")).toBeVisible();
  await expect(participant.getByText("Ryhmätyönohjaus")).toBeVisible();
  await expectNoA11yViolations(participant, "invitation");
  await participant.getByLabel("Nimesi ryhmässä").fill("Ville Virtanen");
  await participant.getByLabel("Sähköposti").fill(uniqueEmail("ville"));
  await participant.getByRole("button", { name: "Liity ryhmään" }).click();
  await expect(participant.getByRole("heading", { level: 1, name: "Tiimi Aurora" })).toBeVisible();
  await expect(participant.getByRole("region", { name: "Jäsenet" })).toContainText("Anna Ohjaaja");
  // Participants do not manage invitations.
  await expect(participant.getByRole("heading", { name: "Kutsulinkit" })).toHaveCount(0);

  // ---- both open the session ----
  await participant
    .getByRole("link", { name: /Avaa tapaaminen/ })
    .first()
    .click();
  await supervisor.goto(groupUrl);
  await expect(supervisor.getByRole("list", { name: "Luodut kutsut" })).toContainText(
    "Käytetty loppuun",
  );
  await supervisor
    .getByRole("link", { name: /Avaa tapaaminen/ })
    .first()
    .click();
  const sessionUrl = supervisor.url();
  expect(sessionUrl).toMatch(/\/sessions\/[0-9a-f-]{36}$/);
  expect(participant.url()).toBe(sessionUrl);
  // Through the device check; the participant waits in the lobby until the supervisor lets in.
  await passDeviceCheck(participant);
  await passDeviceCheck(supervisor);
  await supervisor.getByRole("button", { name: "Päästä sisään: Ville Virtanen" }).click();

  // Each sees the other, with the right role, live.
  await expect(participantRow(supervisor, "Ville Virtanen").locator(".badge")).toHaveText(
    "ohjattava",
  );
  await expect(participantRow(supervisor, "Anna Ohjaaja")).toContainText("(sinä)");
  await expect(participantRow(supervisor, "Anna Ohjaaja").locator(".badge")).toHaveText(
    "työnohjaaja",
  );
  await expect(participantRow(participant, "Anna Ohjaaja").locator(".badge")).toHaveText(
    "työnohjaaja",
  );
  await expect(participantRow(participant, "Ville Virtanen")).toContainText("(sinä)");

  // No LiveKit server here: both are told so, in Finnish, and the rest keeps working.
  for (const page of [supervisor, participant]) {
    await expect(page.getByText("Video ei ole käytettävissä")).toBeVisible({
      timeout: VIDEO_VERDICT_MS,
    });
    await expect(page.getByRole("button", { name: "Yritä uudelleen" })).toBeVisible();
  }
  await expectNoA11yViolations(supervisor, "session");

  // ---- the supervisor switches to English ----
  await supervisor.getByRole("button", { name: "English" }).click();
  await expect(supervisor.locator("html")).toHaveAttribute("lang", "en");
  await expect(supervisor.getByText("Video unavailable")).toBeVisible();
  await expect(supervisor.getByRole("heading", { name: /^Present/ })).toBeVisible();
  await expect(participantRow(supervisor, "Ville Virtanen").locator(".badge")).toHaveText(
    "participant",
  );
  await expect(participantRow(supervisor, "Anna Ohjaaja")).toContainText("(you)");
  await expectNoA11yViolations(supervisor, "session (English)");
  // The choice is remembered.
  await supervisor.reload();
  await expect(supervisor.getByRole("button", { name: "Leave session" })).toBeVisible();

  // ---- the participant closes the tab: the supervisor's list drops them ----
  await participant.close();
  await expect(participantRow(supervisor, "Ville Virtanen")).toHaveCount(0);
  await expect(participantRow(supervisor, "Anna Ohjaaja")).toHaveCount(1);

  // ---- someone who is not a member is refused, clearly ----
  const outsiderContext = await browser.newContext();
  const outsider = await outsiderContext.newPage();
  await signUpSupervisor(outsider, "Outi Ulkopuolinen", uniqueEmail("outi"));
  await outsider.goto(sessionUrl);
  await expect(
    outsider.getByRole("heading", { level: 1, name: "Et pääse tähän tapaamiseen" }),
  ).toBeVisible();
  await expect(outsider.getByRole("alert")).toContainText("Et ole tämän ryhmän jäsen");
  await expect(outsider.getByTestId("participant-list")).toHaveCount(0);
  // The used-up invitation tells the outsider why it no longer works.
  await outsider.goto(invitationUrl);
  await expect(outsider.getByText(/käytetty niin monta kertaa/)).toBeVisible();

  // ---- leaving returns to the group page ----
  await supervisor.getByRole("button", { name: "Leave session" }).click();
  await expect(supervisor).toHaveURL(groupUrl);

  expect(foreign, "requests to third parties").toEqual([]);
  await Promise.all([
    supervisorContext.close(),
    participantContext.close(),
    outsiderContext.close(),
  ]);
});
