import { expect, type Page } from "@playwright/test";

let counter = 0;

/** An email no other test run on this server has used. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@example.test`;
}

let addresses = 0;

/**
 * Each supervisor's browser comes from an address of its own (the test server trusts its
 * loopback proxy's X-Forwarded-For), so Piiri's per-address sign-up and sign-in limits count the
 * tests' people apart, as they would count real people, however many tests sign up at once.
 */
async function useOwnAddress(page: Page): Promise<void> {
  addresses += 1;
  const address = `198.18.${process.pid % 256}.${addresses % 256}`;
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": address });
}

/** Signs a supervisor up through the Finnish sign-up form and waits for the dashboard. */
export async function signUpSupervisor(page: Page, name: string, email: string): Promise<void> {
  await useOwnAddress(page);
  await page.goto("/sign-up");
  await page.getByLabel("Nimi").fill(name);
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill("oikein-pitkä-salasana");
  await page.getByRole("button", { name: "Luo tili" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Omat ryhmät" })).toBeVisible();
}
