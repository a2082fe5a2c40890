import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signUpSupervisor, uniqueEmail } from "./people.ts";

/** A supervisor signed up with a new group (its first session at 09:00); the group page's URL. */
export async function supervisorWithGroup(
  page: Page,
  name: string,
  groupName: string,
): Promise<string> {
  await signUpSupervisor(page, name, uniqueEmail(name.split(" ")[0]?.toLowerCase() ?? "ohjaaja"));
  await page.getByLabel("Ryhmän nimi").fill(groupName);
  await page.getByLabel("Työnohjauksen muoto").selectOption({ label: "Ryhmätyönohjaus" });
  await page.getByLabel("Kellonaika").fill("09:00");
  await page.getByRole("button", { name: "Perusta ryhmä" }).click();
  await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  return page.url();
}

/**
 * The supervisor makes a one-use invitation link on the group page, and a new person accepts it
 * in a browser context of their own. Returns that context and page (on the group page).
 */
export async function inviteParticipant(
  browser: Browser,
  supervisor: Page,
  groupName: string,
  name: string,
  setUp?: (context: BrowserContext) => void,
): Promise<{ context: BrowserContext; page: Page }> {
  await supervisor.getByRole("button", { name: "Luo kutsulinkki" }).click();
  const invitationUrl = await supervisor.getByTestId("invitation-url").inputValue();
  await supervisor.getByRole("button", { name: "Valmis" }).click();
  const context = await browser.newContext();
  setUp?.(context);
  const page = await context.newPage();
  await page.goto(invitationUrl);
  await page.getByLabel("Nimesi ryhmässä").fill(name);
  await page.getByLabel("Sähköposti").fill(uniqueEmail(name.split(" ")[0]?.toLowerCase() ?? "x"));
  await page.getByRole("button", { name: "Liity ryhmään" }).click();
  await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  return { context, page };
}

/** From the group page: open the (first) session and arrive at its device check. */
export async function openSession(page: Page): Promise<void> {
  await page
    .getByRole("link", { name: /Avaa tapaaminen/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Laitteiden tarkistus" })).toBeVisible();
}

/** On the device check: join (the supervisor) or ask to be let in (a participant). */
export async function passDeviceCheck(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Laitteiden tarkistus" })).toBeVisible();
  await page
    .getByRole("button", { name: /^(Liity tapaamiseen|Pyydä pääsyä tapaamiseen)$/ })
    .click();
}

/** The names in the raised-hand queue, in order. */
export function handQueue(page: Page) {
  return page.getByTestId("hand-queue").locator(".participant-list__name");
}

export function participantRow(page: Page, name: string) {
  return page.getByTestId("participant-list").getByRole("listitem").filter({ hasText: name });
}

/** Opens the supervisor's actions for one person and clicks one of them. */
export async function supervisorAction(page: Page, name: string, action: string): Promise<void> {
  const row = participantRow(page, name);
  await row.getByText("⋯").click();
  await row.getByRole("button", { name: action }).click();
}

/**
 * The supervisor turns the group's lobby off (from any page of the app, through the API), so
 * participants enter sessions without waiting to be let in.
 */
export async function turnLobbyOff(page: Page, groupUrl: string): Promise<void> {
  const groupId = /\/groups\/([0-9a-f-]{36})/.exec(groupUrl)?.[1];
  if (!groupId) throw new Error(`not a group URL: ${groupUrl}`);
  const status = await page.evaluate(async (id) => {
    const response = await fetch(`/api/groups/${id}/live-settings`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lobbyEnabled: false }),
    });
    return response.status;
  }, groupId);
  expect(status).toBe(200);
}
