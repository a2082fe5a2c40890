import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { passDeviceCheck, turnLobbyOff } from "./support/live.ts";
import { signUpSupervisor, uniqueEmail } from "./support/people.ts";
import { recordForeignRequests } from "./support/thirdParty.ts";
import { helsinkiDateInDays } from "./support/dates.ts";

const LIVEKIT_ORIGIN = "http://127.0.0.1:7880";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Group {
  supervisor: Page;
  participant: Page;
  contexts: BrowserContext[];
  groupUrl: string;
  foreign: string[];
}

/** A supervisor with a group and its first session, and one participant who joined by invitation. */
async function groupWithParticipant(
  browser: Browser,
  origin: string,
  groupName: string,
): Promise<Group> {
  const supervisorContext = await browser.newContext({ acceptDownloads: true });
  const foreign = recordForeignRequests(supervisorContext, [origin, LIVEKIT_ORIGIN]);
  const supervisor = await supervisorContext.newPage();
  await signUpSupervisor(supervisor, "Anna Ohjaaja", uniqueEmail("anna"));
  await supervisor.getByLabel("Ryhmän nimi").fill(groupName);
  await supervisor.getByLabel("Työnohjauksen muoto").selectOption({ label: "Ryhmätyönohjaus" });
  await supervisor.getByLabel("Kellonaika").fill("09:00");
  await supervisor.getByRole("button", { name: "Perusta ryhmä" }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  const groupUrl = supervisor.url();
  await turnLobbyOff(supervisor, groupUrl);
  await supervisor.getByRole("button", { name: "Luo kutsulinkki" }).click();
  const invitationUrl = await supervisor.getByTestId("invitation-url").inputValue();

  const participantContext = await browser.newContext();
  foreign.push(...recordForeignRequests(participantContext, [origin, LIVEKIT_ORIGIN]));
  const participant = await participantContext.newPage();
  await participant.goto(invitationUrl);
  await participant.getByLabel("Nimesi ryhmässä").fill("Ville Virtanen");
  await participant.getByLabel("Sähköposti").fill(uniqueEmail("ville"));
  await participant.getByRole("button", { name: "Liity ryhmään" }).click();
  await expect(participant.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  return {
    supervisor,
    participant,
    contexts: [supervisorContext, participantContext],
    groupUrl,
    foreign,
  };
}

/** Opens the group's session at `index` (0: the first) from the group page. */
async function openSession(page: Page, groupUrl: string, index = 0): Promise<void> {
  await page.goto(groupUrl);
  await page
    .getByRole("link", { name: /Avaa tapaaminen/ })
    .nth(index)
    .click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await passDeviceCheck(page);
}

/** Switches the session's stage to the board and waits until the scene is loaded. */
async function openBoard(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Taulu", exact: true }).click();
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true", {
    timeout: 30_000,
  });
}

/** Draws a shape by dragging across the middle of the canvas with an Excalidraw tool. */
async function draw(page: Page, tool: "rectangle" | "ellipse", offset: number): Promise<void> {
  // The tool's radio input sits under its icon; clicking the label is what a person does.
  await page.getByTestId(`toolbar-${tool}`).click({ force: true });
  const canvas = page.locator("canvas.excalidraw__canvas.interactive");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the canvas has no box");
  const x = box.x + box.width / 3 + offset;
  const y = box.y + box.height / 3 + offset;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 80, y + 60, { steps: 5 });
  await page.mouse.up();
}

/**
 * axe on everything Piiri renders. Excalidraw's own UI inside the canvas (its menu trigger, zoom
 * and footer landmarks, colour pickers) has findings we cannot fix from outside; it is excluded
 * here and named in the report, not hidden: the rest of the page must be clean.
 */
async function expectPiiriA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .exclude(".excalidraw")
    // Excalidraw's footer says role="contentinfo", so the site footer looks like a duplicate.
    .disableRules(["landmark-no-duplicate-contentinfo"])
    .analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
  expect(violations, `axe violations on the ${label} page`).toEqual([]);
}

function elementCount(page: Page) {
  return page.getByTestId("board-element-count");
}

async function insertExercise(page: Page, label: string, english = false): Promise<void> {
  await page
    .getByLabel(english ? "Choose an exercise" : "Valitse harjoitus")
    .selectOption({ label });
  await page
    .getByRole("button", { name: english ? "Insert an exercise" : "Lisää harjoitus" })
    .click();
}

test("two people draw together, place and reveal scaling markers, export a PNG; nothing third-party", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? "").origin;
  const group = await groupWithParticipant(browser, origin, "Tiimi Taulu");
  const { supervisor, participant } = group;
  // The board's code (Excalidraw) loads only when the board is opened.
  const boardChunks: string[] = [];
  supervisor.on("request", (request) => {
    if (/\/assets\/BoardWorkspace-/.test(request.url())) boardChunks.push(request.url());
  });
  await openSession(supervisor, group.groupUrl);
  await openSession(participant, group.groupUrl);
  await expect(supervisor.getByTestId("participant-list")).toContainText("Ville Virtanen");
  await expect(supervisor.getByRole("button", { name: "Video", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  expect(boardChunks).toEqual([]);
  await openBoard(supervisor);
  expect(boardChunks.length).toBeGreaterThan(0);
  await openBoard(participant);
  await expect(elementCount(supervisor)).toHaveText("Taululla on 0 kohdetta");

  // ---- each draws; each sees the other's shape ----
  await draw(supervisor, "rectangle", 0);
  await expect(elementCount(supervisor)).toHaveText("Taululla on 1 kohde");
  await expect(elementCount(participant)).toHaveText("Taululla on 1 kohde");
  await draw(participant, "ellipse", 120);
  await expect(elementCount(participant)).toHaveText("Taululla on 2 kohdetta");
  await expect(elementCount(supervisor)).toHaveText("Taululla on 2 kohdetta");
  await expect(supervisor.getByTestId("board-sync-status")).toHaveText(
    "Kaikki muutokset tallennettu",
  );
  // The server keeps both for the group.
  const groupId = group.groupUrl.split("/").pop() ?? "";
  const stored = (await (await participant.request.get(`/api/groups/${groupId}/board`)).json()) as {
    elements: { type: string; isDeleted: boolean }[];
  };
  expect(
    stored.elements
      .filter((element) => !element.isDeleted)
      .map((element) => element.type)
      .sort(),
  ).toEqual(["ellipse", "rectangle"]);

  // ---- the supervisor inserts a scaling exercise; both see it ----
  await insertExercise(supervisor, "Skaalakysymys 0–10");
  for (const page of [supervisor, participant]) {
    await expect(page.getByTestId("board-frames")).toContainText("Skaalakysymys 0–10");
  }
  await expectPiiriA11y(supervisor, "board (supervisor)");

  // Anonymous notes in this exercise: everyone sees that it is on.
  await supervisor
    .getByRole("checkbox", { name: "Nimettömät muistilaput: Skaalakysymys 0–10" })
    .click(); // the box shows the server's state, which follows at once
  await expect(participant.getByTestId("board-frames")).toContainText("Nimetön");
  await expect(
    supervisor.getByRole("checkbox", { name: "Nimettömät muistilaput: Skaalakysymys 0–10" }),
  ).toBeChecked();
  await expect(participant.getByRole("checkbox", { name: /Nimettömät muistilaput/ })).toHaveCount(
    0,
  );

  // ---- both place their markers; before the reveal each sees only their own ----
  await participant.getByRole("radio", { name: "7", exact: true }).click();
  await expect(participant.getByText("Oma arviosi: 7")).toBeVisible();
  await supervisor.getByRole("radio", { name: "3", exact: true }).click();
  for (const page of [supervisor, participant]) {
    await expect(page.getByTestId("board-scale-placed")).toHaveText(
      "2 henkilöä on valinnut paikkansa",
    );
    await expect(page.getByTestId("board-scale-values")).toHaveCount(0);
  }
  await expect(participant.getByText("Oma arviosi: 7")).toBeVisible();
  await expect(supervisor.getByText("Oma arviosi: 3")).toBeVisible();
  await expect(participant.getByRole("radio", { name: "3", exact: true })).not.toBeChecked();
  await expect(participant.getByRole("button", { name: "Paljasta merkit" })).toHaveCount(0);
  await supervisor.screenshot({ path: "test-results/board-scaling-fi.png" });

  // ---- the supervisor reveals: everyone sees every marker ----
  await supervisor.getByRole("button", { name: "Paljasta merkit" }).click();
  for (const page of [supervisor, participant]) {
    const values = page.getByTestId("board-scale-values");
    await expect(values).toContainText("Anna Ohjaaja: 3");
    await expect(values).toContainText("Ville Virtanen: 7");
  }
  await expect(participant.getByTestId("board-scale-trend")).toContainText("keskiarvo 5");
  await supervisor.getByRole("button", { name: "Näytä taululla: Skaalakysymys 0–10" }).click();
  await supervisor.waitForTimeout(600); // Excalidraw animates the scroll; this is only for the picture
  await supervisor
    .getByTestId("board-canvas")
    .screenshot({ path: "test-results/board-canvas-fi.png" });

  // ---- PNG export downloads a real PNG ----
  const download = supervisor.waitForEvent("download");
  await supervisor.getByRole("button", { name: "Lataa PNG" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("piiri-taulu.png");
  const bytes = await readFile(await file.path());
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.length).toBeGreaterThan(1_000);

  // ---- and a PDF of the scaling exercise alone ----
  await supervisor.getByLabel("Mitä viedään").selectOption({ label: "Skaalakysymys 0–10" });
  const pdfDownload = supervisor.waitForEvent("download");
  await supervisor.getByRole("button", { name: "Lataa PDF" }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe("piiri-taulu.pdf");
  expect((await readFile(await pdf.path())).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // ---- the supervisor locks the exercise, then the whole board ----
  await supervisor.getByRole("button", { name: "Lukitse harjoitus: Skaalakysymys 0–10" }).click();
  await expect(participant.getByTestId("board-frames")).toContainText("Lukittu");
  await supervisor.getByRole("button", { name: "Lukitse taulu" }).click();
  await expect(
    participant.getByText("Ohjaaja on lukinnut taulun: voit katsoa mutta et muokata."),
  ).toBeVisible();
  await expect(participant.getByTestId("toolbar-rectangle")).toHaveCount(0); // view-only
  await expect(participant.getByRole("button", { name: "Lisää muistilappu" })).toBeDisabled();
  await supervisor.getByRole("button", { name: "Avaa taulu" }).click();
  await expect(participant.getByTestId("toolbar-rectangle")).toHaveCount(1);

  // ---- in English too ----
  await supervisor.getByRole("button", { name: "English" }).click();
  await expect(supervisor.getByTestId("board-element-count")).toContainText("items on the board");
  // What was inserted in Finnish stays Finnish; a new exercise comes in English.
  await insertExercise(supervisor, "Miracle question", true);
  await expect(supervisor.getByTestId("board-frames")).toContainText("Miracle question");
  await expect(participant.getByTestId("board-frames")).toContainText("Miracle question");
  await supervisor.screenshot({ path: "test-results/board-scaling-en.png" });
  await supervisor.getByRole("button", { name: "Show on the board: Miracle question" }).click();
  await supervisor.waitForTimeout(600); // only for the picture
  await supervisor
    .getByTestId("board-canvas")
    .screenshot({ path: "test-results/board-canvas-en.png" });

  expect(group.foreign, "requests to third parties").toEqual([]);
  await Promise.all(group.contexts.map((context) => context.close()));
});

test("the next session shows the small steps set in the previous one", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? "").origin;
  const group = await groupWithParticipant(browser, origin, "Tiimi Askel");
  const { supervisor, participant } = group;
  // A second session, later than the first.
  await supervisor.getByLabel("Päivämäärä").fill(helsinkiDateInDays(200));
  await supervisor.getByLabel("Kellonaika").fill("10:00");
  await supervisor.getByRole("button", { name: "Lisää tapaaminen" }).click();
  await expect(supervisor.getByText("Tapaaminen lisätty.")).toBeVisible();

  await openSession(supervisor, group.groupUrl, 0);
  await openSession(participant, group.groupUrl, 0);
  await openBoard(supervisor);
  await openBoard(participant);
  await expect(supervisor.getByTestId("participant-list")).toContainText("Ville Virtanen");
  await insertExercise(supervisor, "Seuraava pieni askel");
  await expect(participant.getByTestId("board-frames")).toContainText("Seuraava pieni askel");

  // The participant writes their step on their own card: show the exercise, double-click the card.
  await participant.getByRole("button", { name: "Näytä taululla: Seuraava pieni askel" }).click();
  const zoomButton = participant.locator(".reset-zoom-button");
  let zoom = "";
  await expect(async () => {
    const now = (await zoomButton.textContent()) ?? "";
    const before = zoom;
    zoom = now;
    expect(now).toBe(before); // the scroll animation has settled
  }).toPass({ intervals: [300, 300, 300, 500], timeout: 10_000 });
  const scale = Number.parseInt(zoom, 10) / 100;
  const box = await participant.locator("canvas.excalidraw__canvas.interactive").boundingBox();
  if (!box) throw new Error("the canvas has no box");
  // One card: frame 700×350, card 280×180 at (40, 130) in it; the frame is centred by "show".
  await participant.mouse.dblclick(
    box.x + box.width / 2 - 170 * scale,
    box.y + box.height / 2 + 45 * scale,
  );
  await participant.keyboard.type("Soitan asiakkaalle");
  await participant.keyboard.press("Escape");
  await expect(participant.getByTestId("board-sync-status")).toHaveText(
    "Kaikki muutokset tallennettu",
  );

  // The supervisor keeps a snapshot of this session's board.
  await supervisor.getByRole("button", { name: "Tallenna tilannekuva" }).click();
  await expect(supervisor.getByText("Tilannekuva tallennettu.")).toBeVisible();

  // ---- the next session ----
  await openSession(supervisor, group.groupUrl, 1);
  await openSession(participant, group.groupUrl, 1);
  await openBoard(participant);
  const steps = participant.getByTestId("board-previous-steps");
  await expect(steps).toContainText("Edellisen tapaamisen pienet askeleet");
  await expect(steps).toContainText("Ville Virtanen: Soitan asiakkaalle");
  await openBoard(supervisor);
  await expect(supervisor.getByTestId("board-previous-steps")).toContainText(
    "Ville Virtanen: Soitan asiakkaalle",
  );
  // The snapshot of the first session opens read-only.
  await supervisor.getByRole("button", { name: "Tilannekuvat", exact: true }).click();
  await supervisor.getByRole("button", { name: "Avaa", exact: true }).first().click();
  await expect(supervisor.getByRole("dialog")).toContainText("vain luku");
  await expect(
    supervisor.getByTestId("board-snapshot-canvas").locator("canvas").first(),
  ).toBeVisible();
  await supervisor.getByRole("button", { name: "Takaisin tauluun" }).click();
  await expect(supervisor.getByRole("dialog")).toHaveCount(0);

  // ---- the supervisor clears the board for everyone, then deletes all of it (both confirmed) ----
  await expect(participant.getByTestId("board-element-count")).not.toHaveText(
    "Taululla on 0 kohdetta",
  );
  supervisor.once("dialog", (dialog) => void dialog.accept());
  await supervisor.getByRole("button", { name: "Tyhjennä taulu" }).click();
  await expect(participant.getByTestId("board-element-count")).toHaveText("Taululla on 0 kohdetta");
  supervisor.once("dialog", (dialog) => void dialog.accept());
  await supervisor.getByRole("button", { name: "Poista kaikki taulun sisältö" }).click();
  await expect(supervisor.getByText("Tilannekuvia ei ole vielä.")).toBeVisible();

  expect(group.foreign, "requests to third parties").toEqual([]);
  await Promise.all(group.contexts.map((context) => context.close()));
});

test("a scaling exercise stays usable for whoever opens the board late or reloads", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? "").origin;
  const group = await groupWithParticipant(browser, origin, "Tiimi Myöhään");
  const { supervisor, participant } = group;
  await openSession(supervisor, group.groupUrl);
  await openBoard(supervisor);
  await insertExercise(supervisor, "Skaalakysymys 0–10");
  await expect(supervisor.getByTestId("board-frames")).toContainText("Skaalakysymys 0–10");
  await expect(supervisor.getByTestId("board-sync-status")).toHaveText(
    "Kaikki muutokset tallennettu",
  );

  // ---- the participant joins after the exercise was inserted ----
  await openSession(participant, group.groupUrl);
  await openBoard(participant);
  await expect(participant.getByTestId("board-frames")).toContainText("Skaalakysymys 0–10");
  await participant.getByRole("radio", { name: "7", exact: true }).click();
  await expect(participant.getByText("Oma arviosi: 7")).toBeVisible();

  // ---- both reload: the exercise, one's own marker and the reveal are still there ----
  for (const page of [supervisor, participant]) {
    await page.reload(); // the device check is remembered for the session: straight back in
    await openBoard(page);
    await expect(page.getByTestId("board-frames")).toContainText("Skaalakysymys 0–10");
    await expect(page.getByTestId("board-scale-placed")).toHaveText(
      "1 henkilö on valinnut paikkansa",
    );
  }
  await expect(participant.getByRole("radio", { name: "7", exact: true })).toBeChecked();
  await expect(participant.getByRole("button", { name: "Paljasta merkit" })).toHaveCount(0);
  await supervisor.getByRole("button", { name: "Paljasta merkit" }).click();
  await expect(participant.getByTestId("board-scale-values")).toContainText("Ville Virtanen: 7");

  // ---- the next session: the same question again, its markers hidden anew ----
  await supervisor.goto(group.groupUrl);
  await supervisor.getByLabel("Päivämäärä").fill(helsinkiDateInDays(60));
  await supervisor.getByLabel("Kellonaika").fill("10:00");
  await supervisor.getByRole("button", { name: "Lisää tapaaminen" }).click();
  await expect(supervisor.getByText("Tapaaminen lisätty.")).toBeVisible();
  for (const page of [supervisor, participant]) {
    await openSession(page, group.groupUrl, 1);
    await openBoard(page);
    await expect(page.getByTestId("board-frames")).toContainText("Skaalakysymys 0–10");
    await expect(page.getByTestId("board-scale-placed")).toHaveText(
      "0 henkilöä on valinnut paikkansa",
    );
  }
  await participant.getByRole("radio", { name: "4", exact: true }).click();
  await expect(supervisor.getByTestId("board-scale-placed")).toHaveText(
    "1 henkilö on valinnut paikkansa",
  );
  await supervisor.getByRole("button", { name: "Paljasta merkit" }).click();
  await expect(participant.getByTestId("board-scale-values")).toContainText("Ville Virtanen: 4");

  await Promise.all(group.contexts.map((context) => context.close()));
});

test("a cursor in an exercise with anonymous notes is shown to others unnamed", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? "").origin;
  const group = await groupWithParticipant(browser, origin, "Tiimi Nimetön");
  const { supervisor, participant } = group;
  await openSession(supervisor, group.groupUrl);
  await openSession(participant, group.groupUrl);
  await openBoard(supervisor);
  await openBoard(participant);
  // On an empty board the exercise goes to (100, 100) in the scene; the participant's view
  // starts at the scene's origin at 100 %, so the frame (1000 × 570) covers most of it.
  await insertExercise(supervisor, "Ihmekysymys");
  await expect(participant.getByTestId("board-frames")).toContainText("Ihmekysymys");
  await supervisor.getByRole("checkbox", { name: "Nimettömät muistilaput: Ihmekysymys" }).click();
  await expect(participant.getByTestId("board-frames")).toContainText("Nimetön");

  const canvas = participant.locator("canvas.excalidraw__canvas.interactive");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the canvas has no box");
  /** Moves the participant's mouse about a point until the supervisor sees what is expected. */
  const pointAt = async (x: number, y: number, seen: () => Promise<void>) => {
    await expect(async () => {
      for (let step = 0; step < 6; step += 1) {
        await participant.mouse.move(box.x + x + step * 3, box.y + y + step * 2);
        await participant.waitForTimeout(60);
      }
      await seen();
    }).toPass({ intervals: [100], timeout: 20_000 });
  };
  // Excalidraw lists the cursors it draws in its top-right corner (here, for lack of room,
  // behind a "+1" button that opens the list with their names).
  const cursorNames = async (): Promise<string[]> => {
    await supervisor.locator(".excalidraw .UserList__more").click({ timeout: 500 });
    const names = supervisor.locator(".excalidraw .UserList__collaborators");
    await expect(names).toBeVisible({ timeout: 500 });
    const list = await names.locator(".UserList__collaborator-name").allTextContents();
    await supervisor.keyboard.press("Escape");
    return list;
  };

  // Left of the frame the cursor is the participant's, by name.
  await pointAt(30, 300, async () => {
    expect(await cursorNames()).toEqual(["Ville Virtanen"]);
  });

  // In the frame: one cursor, unnamed; the participant's name is nowhere on the canvas.
  await pointAt(420, 320, async () => {
    expect(await cursorNames()).toEqual(["Nimetön"]);
  });
  await expect(supervisor.locator(".excalidraw")).not.toContainText("Ville");
  for (let step = 0; step < 8; step += 1) {
    await participant.mouse.move(box.x + 430 + step * 4, box.y + 330 + step * 3);
    await participant.waitForTimeout(60);
  }
  await supervisor.getByTestId("board-canvas").scrollIntoViewIfNeeded();
  await supervisor
    .getByTestId("board-canvas")
    .screenshot({ path: "test-results/board-anonymous-cursor-fi.png" });

  await Promise.all(group.contexts.map((context) => context.close()));
});
