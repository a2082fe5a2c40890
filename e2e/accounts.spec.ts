import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y.ts";
import { createGroup, createInvitationLink } from "./support/groups.ts";
import { signUpSupervisor, uniqueEmail } from "./support/people.ts";

// Sign-in, sign-up and invitations never say whether an address has an account, yet a real
// person who runs into "this address needs signing in" or a rate limit is told what to do.

let addresses = 0;
/**
 * A browser context that comes from an address of its own (the test server trusts loopback as
 * its proxy), so its failed sign-ins count against it and not against the other tests' browsers.
 */
async function pageFrom(browser: Browser): Promise<Page> {
  addresses += 1;
  const address = `203.0.113.${(addresses % 250) + 1}`;
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  return context.newPage();
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill(password);
  await page.getByRole("button", { name: "Kirjaudu", exact: true }).click();
}

test("an invitation for an address that has an account asks to sign in first, and says how", async ({
  browser,
}) => {
  const supervisor = await pageFrom(browser);
  const supervisorEmail = uniqueEmail("sanna");
  await signUpSupervisor(supervisor, "Sanna Saari", supervisorEmail);
  await createGroup(supervisor, "Tiimi Kajo");
  const link = await createInvitationLink(supervisor);

  const person = await pageFrom(browser);
  await person.goto(link);
  await person.getByLabel("Nimesi ryhmässä").fill("Sanna");
  await person.getByLabel("Sähköposti").fill(supervisorEmail);
  await person.getByRole("button", { name: "Liity ryhmään" }).click();
  const notice = person.getByText(/liitytään kirjautumalla ensin sisään/);
  await expect(notice).toBeVisible();
  await expect(person.getByText(/pyydä työnohjaajaltasi apua/)).toBeVisible();
  // The way to sign in comes back to this invitation afterwards.
  const signIn = person.locator('a[href^="/sign-in?next="]');
  await expect(signIn).toHaveText("Kirjaudu sisään");
  await expect(signIn).toHaveAttribute("href", /^\/sign-in\?next=%2Finvite%2F/);
  // Still on the invitation, and still signed out: nothing was used up or created.
  await expect(person).toHaveURL(/\/invite\//);
  await expectNoA11yViolations(person, "invitation: sign in first");
  await person.screenshot({
    path: "test-results/accounts-invite-sign-in-first.png",
    fullPage: true,
  });

  // The link still works for a newcomer.
  await person.getByLabel("Sähköposti").fill(uniqueEmail("uusi"));
  await person.getByRole("button", { name: "Liity ryhmään" }).click();
  await expect(person.getByRole("heading", { level: 1, name: "Tiimi Kajo" })).toBeVisible();
});

test("sign-up with a taken address creates nothing and points to signing in", async ({
  browser,
}) => {
  const first = await pageFrom(browser);
  const email = uniqueEmail("taken");
  await signUpSupervisor(first, "Tuula Ensimmäinen", email);

  const second = await pageFrom(browser);
  await second.goto("/sign-up");
  await second.getByLabel("Nimi").fill("Toinen Tuula");
  await second.getByLabel("Sähköposti").fill(email);
  await second.getByLabel("Salasana").fill("eri-salasana-kuin-ekalla");
  await second.getByRole("button", { name: "Luo tili" }).click();
  await expect(second.getByRole("alert")).toHaveText(
    "Tiliä ei voitu luoda tällä sähköpostilla ja salasanalla. Jos sinulla on jo tili, kirjaudu sisään.",
  );
  await expect(second).toHaveURL(/\/sign-up/);
});

test("too many wrong passwords from one address: the sign-in page says to wait", async ({
  browser,
}) => {
  // One address guessing many addresses: ten tries a minute, then a short wait.
  const guesser = await pageFrom(browser);
  await guesser.goto("/sign-in");
  for (let i = 0; i < 10; i++) {
    await signInWith(guesser, uniqueEmail("arvaus"), "väärä-salasana");
    await expect(guesser.getByRole("alert")).toHaveText("Sähköposti tai salasana on väärin.");
  }
  await signInWith(guesser, uniqueEmail("arvaus"), "väärä-salasana");
  await expect(guesser.getByRole("alert")).toHaveText(
    "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
  );
});

test("too many wrong passwords for one account: the page says how long it waits", async ({
  browser,
}) => {
  // Ten guesses from as many addresses, each hashing a password: slower than most tests.
  test.slow();
  // One account guessed from anywhere: ten tries in 15 minutes (signing up used one), then the
  // account waits whatever the address, and the page says for how long.
  const owner = await pageFrom(browser);
  const email = uniqueEmail("lukko");
  await signUpSupervisor(owner, "Lotta Lukko", email);
  for (let i = 0; i < 9; i++) {
    const page = await pageFrom(browser);
    await page.goto("/sign-in");
    await signInWith(page, email, `väärä-salasana-${i}`);
    await expect(page.getByRole("alert")).toHaveText("Sähköposti tai salasana on väärin.");
    await page.context().close();
  }
  const elsewhere = await pageFrom(browser);
  await elsewhere.goto("/sign-in");
  await signInWith(elsewhere, email, "väärä-salasana-y");
  await expect(elsewhere.getByRole("alert")).toHaveText(
    /^Liian monta yritystä\. Yritä uudelleen 1[45] minuutin kuluttua\.$/,
  );
  await expectNoA11yViolations(elsewhere, "sign-in: rate limited");
  await elsewhere.screenshot({ path: "test-results/accounts-sign-in-rate-limited.png" });
});
