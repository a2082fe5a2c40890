import { expect, type Page } from "@playwright/test";
import { passDeviceCheck } from "./live.ts";

/**
 * Steps of the foundation slice that other specs need too: a supervisor (signed in, on the
 * dashboard) creates a group; an invitation link for several people; a person joins with it.
 * All through the Finnish UI, as a person would.
 */
export async function createGroup(
  page: Page,
  name: string,
  kindLabel = "Ryhmätyönohjaus",
): Promise<string> {
  await page.getByLabel("Ryhmän nimi").fill(name);
  await page.getByLabel("Työnohjauksen muoto").selectOption({ label: kindLabel });
  await page.getByRole("button", { name: "Perusta ryhmä" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url();
}

/** Creates an invitation link on the group page and returns it. */
export async function createInvitationLink(
  page: Page,
  { uses = 1, roleLabel }: { uses?: number; roleLabel?: string } = {},
): Promise<string> {
  await page.getByLabel("Montako henkilöä voi käyttää linkkiä").fill(String(uses));
  if (roleLabel) await page.getByLabel("Rooli ryhmässä").selectOption({ label: roleLabel });
  await page.getByRole("button", { name: "Luo kutsulinkki" }).click();
  const link = page.getByTestId("invitation-url");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** A person opens an invitation link, gives a name and email, and lands on the group page. */
export async function joinWithInvitation(
  page: Page,
  url: string,
  displayName: string,
  email: string,
  groupName: string,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Nimesi ryhmässä").fill(displayName);
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByRole("button", { name: "Liity ryhmään" }).click();
  await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
}

/** From the group page, opens the next session and goes through its device check. */
export async function openNextSession(page: Page): Promise<void> {
  await page
    .getByRole("link", { name: /Avaa tapaaminen/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await passDeviceCheck(page);
}
