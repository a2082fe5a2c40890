// The migration 20261201100000_board_deleted_content on rows written the old way: deleted
// elements with their content, elements of types the board no longer takes, snapshots naming
// the authors of notes in anonymous frames. Runs on PGlite and on PostgreSQL (vitest projects).
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "./client.ts";
import { defaultMigrationsDir, migrate } from "./migrate.ts";
import { createTestDatabase } from "./testing/index.ts";

const MIGRATION = "20261201100000_board_deleted_content";
const opened: Database[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A database with every migration before MIGRATION applied (the state old data lives in). */
async function databaseBefore(): Promise<Database> {
  const dir = await mkdtemp(join(tmpdir(), "piiri-migrations-before-"));
  tempDirs.push(dir);
  for (const entry of await readdir(defaultMigrationsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name >= MIGRATION) continue;
    await cp(join(defaultMigrationsDir, entry.name), join(dir, entry.name), { recursive: true });
  }
  const db = await createTestDatabase({ migrated: false });
  opened.push(db);
  await migrate(db, { migrationsDir: dir });
  return db;
}

const json = (value: unknown) => JSON.stringify(value);

async function insertElement(
  db: Database,
  element: { id: string; version: number; versionNonce: number; isDeleted: boolean } & Record<
    string,
    unknown
  >,
): Promise<void> {
  await db.query(
    `INSERT INTO "BoardElement" ("groupId", "elementId", "version", "versionNonce", "contentKey",
       "isDeleted", "frameId", "bytes", "data")
     VALUES ('g1', $1, $2, $3, '0123456789abcdef', $4, $5, $6, $7::jsonb)`,
    [
      element.id,
      element.version,
      element.versionNonce,
      element.isDeleted,
      typeof element.frameId === "string" ? element.frameId : null,
      Buffer.byteLength(json(element)),
      json(element),
    ],
  );
}

async function insertSnapshot(
  db: Database,
  id: string,
  elements: unknown[],
  frames: unknown[],
): Promise<void> {
  await db.query(
    `INSERT INTO "BoardSnapshot" ("id", "groupId", "reason", "elementCount", "elements", "frames")
     VALUES ($1, 'g1', 'manual', $2, $3::jsonb, $4::jsonb)`,
    [id, elements.length, json(elements), json(frames)],
  );
}

const note = (id: string, frameId: string | null, customData?: Record<string, unknown>) => ({
  id,
  type: "rectangle",
  version: 2,
  versionNonce: 11,
  isDeleted: false,
  frameId,
  text: `text of ${id}`,
  ...(customData ? { customData } : {}),
});

describe(MIGRATION, () => {
  it("reduces deletions to tombstones, deletes refused types, strips authors from snapshots", async () => {
    const db = await databaseBefore();
    await db.exec(`
      INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ('u1', 'Ulla', 'u@example.com', CURRENT_TIMESTAMP);
      INSERT INTO "SupervisionGroup" ("id", "name", "kind", "createdById", "updatedAt")
        VALUES ('g1', 'Ryhmä', 'group', 'u1', CURRENT_TIMESTAMP);
      INSERT INTO "BoardFrame" ("groupId", "frameId", "kind", "anonymous") VALUES ('g1', 'anon', 'miracle', true);
      INSERT INTO "BoardFrame" ("groupId", "frameId", "kind", "anonymous") VALUES ('g1', 'open', 'exceptions', false);
    `);
    await insertElement(db, {
      ...note("gone", "anon", { piiri: "note" }),
      version: 3,
      versionNonce: -77,
      isDeleted: true,
      text: "Salainen ajatus",
    });
    await insertElement(db, {
      id: "embed",
      type: "embeddable",
      version: 2,
      versionNonce: 5,
      isDeleted: false,
      link: "https://example.com/tracker",
    });
    const kept = note("kept", "open", { piiri: "note" });
    await insertElement(db, kept);
    await insertSnapshot(
      db,
      "s1",
      [
        note("anonNote", "anon", { piiri: "note", authorId: "m1", authorName: "Aino" }),
        {
          ...note("anon", null, { piiri: "exerciseFrame", kind: "miracle", createdBy: "x" }),
          type: "frame",
        },
        note("bareAuthor", "anon", { AuthorName: "Aino" }),
        note("openNote", "open", { piiri: "note", authorId: "m2" }),
        { ...note("frame-embed", null), type: "iframe", link: "https://example.com" },
      ],
      [],
    );
    // A frame anonymous when this snapshot was saved, gone from the board since.
    await insertSnapshot(
      db,
      "s2",
      [note("oldNote", "old", { piiri: "note", userId: "u1" })],
      [{ frameId: "old", kind: "miracle", sessionId: null, locked: false, anonymous: true }],
    );

    expect((await migrate(db)).applied[0]).toBe(MIGRATION);

    const rows = await db.query<{
      elementId: string;
      version: number;
      versionNonce: number;
      isDeleted: boolean;
      contentKey: string;
      frameId: string | null;
      bytes: number;
      data: Record<string, unknown>;
    }>(`SELECT * FROM "BoardElement" ORDER BY "elementId"`);
    const byId = new Map(rows.map((row) => [row.elementId, row]));
    expect(byId.get("gone")).toMatchObject({
      version: 3,
      versionNonce: -77,
      isDeleted: true,
      contentKey: "",
      frameId: null,
      data: { id: "gone", version: 3, versionNonce: -77, isDeleted: true },
    });
    expect(Object.keys(byId.get("gone")?.data ?? {}).sort()).toEqual([
      "id",
      "isDeleted",
      "version",
      "versionNonce",
    ]);
    expect(byId.get("gone")?.bytes).toBe(Buffer.byteLength(json(byId.get("gone")?.data)));
    expect(byId.get("embed")).toMatchObject({
      version: 2,
      versionNonce: 5,
      isDeleted: true,
      contentKey: "",
      data: { id: "embed", version: 2, versionNonce: 5, isDeleted: true },
    });
    expect(byId.get("kept")).toMatchObject({ isDeleted: false, data: kept, frameId: "open" });
    const everything = json(rows);
    expect(everything).not.toContain("Salainen");
    expect(everything).not.toContain("example.com");

    const snapshots = await db.query<{ id: string; elementCount: number; elements: unknown[] }>(
      `SELECT "id", "elementCount", "elements" FROM "BoardSnapshot" ORDER BY "id"`,
    );
    const [s1, s2] = snapshots;
    expect(s1?.elementCount).toBe(4);
    expect(s1?.elements).toEqual([
      note("anonNote", "anon", { piiri: "note" }),
      { ...note("anon", null, { piiri: "exerciseFrame", kind: "miracle" }), type: "frame" },
      note("bareAuthor", "anon"),
      note("openNote", "open", { piiri: "note", authorId: "m2" }),
    ]);
    expect(s2?.elements).toEqual([note("oldNote", "old", { piiri: "note" })]);

    // Running it again changes nothing.
    const before = json(await db.query(`SELECT * FROM "BoardSnapshot" ORDER BY "id"`));
    const beforeElements = json(
      await db.query(`SELECT * FROM "BoardElement" ORDER BY "elementId"`),
    );
    await db.exec(await readFile(join(defaultMigrationsDir, MIGRATION, "migration.sql"), "utf8"));
    expect(json(await db.query(`SELECT * FROM "BoardSnapshot" ORDER BY "id"`))).toBe(before);
    expect(json(await db.query(`SELECT * FROM "BoardElement" ORDER BY "elementId"`))).toBe(
      beforeElements,
    );
  });
});
