import { expect, type Page } from "@playwright/test";

let counter = 0;

/** An email no other test run on this server has used. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@example.test`;
}

/** Signs a supervisor up through the Finnish sign-up form and waits for the dashboard. */
export async function signUpSupervisor(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Nimi").fill(name);
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill("oikein-pitkä-salasana");
  await page.getByRole("button", { name: "Luo tili" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Omat ryhmät" })).toBeVisible();
}
