import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./client.ts";
import { migrate } from "./migrate.ts";
import { createTestDatabase, testBackend } from "./testing/index.ts";
import { createPostgresTestDatabase } from "./testing/postgres-test-database.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database opened through openDatabase() with this project's backend, migrated. */
async function openedThroughConfig(): Promise<{ db: Database; reopen: () => Promise<Database> }> {
  if (testBackend() === "postgres") {
    const test = await createPostgresTestDatabase({ migrated: true });
    cleanups.push(() => test.db.close());
    const open = async () => {
      const db = await openDatabase({ kind: "postgres", url: test.url });
      cleanups.push(() => db.close());
      return db;
    };
    return { db: await open(), reopen: open };
  }
  const root = await mkdtemp(join(tmpdir(), "piiri-pglite-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  // A directory that does not exist yet, parents included: openDatabase creates it.
  const dataDir = join(root, "nested", "pglite");
  const open = async () => {
    const db = await openDatabase({ kind: "pglite", dataDir });
    cleanups.push(() => db.close());
    return db;
  };
  const db = await open();
  await migrate(db);
  return { db, reopen: open };
}

describe(`database client (${testBackend()})`, () => {
  it("writes and reads a User with the Prisma client, and the data outlives the connection", async () => {
    const { db, reopen } = await openedThroughConfig();
    expect(db.kind).toBe(testBackend());
    const created = await db.prisma.user.create({
      data: { id: "user-1", name: "Aino Virtanen", email: "aino@example.fi" },
    });
    expect(created).toMatchObject({ emailVerified: false, image: null });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.updatedAt).toBeInstanceOf(Date);
    await db.close();

    const again = await reopen();
    expect(await again.prisma.user.findUnique({ where: { email: "aino@example.fi" } })).toEqual(
      created,
    );
    const raw = await again.query<{ name: string }>('SELECT "name" FROM "User" WHERE "id" = $1', [
      "user-1",
    ]);
    expect(raw).toEqual([{ name: "Aino Virtanen" }]);
    // An on-disk PGlite created and migrated from scratch: slow on a loaded machine.
  }, 90_000);

  it("enforces the schema's constraints through Prisma", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.close());
    await db.prisma.user.create({ data: { id: "a", name: "A", email: "same@example.fi" } });
    await expect(
      db.prisma.user.create({ data: { id: "b", name: "B", email: "same@example.fi" } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("commits a raw transaction that resolves and rolls back one that throws", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.close());
    const insert =
      'INSERT INTO "Verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ($1, $2, $3, now(), now())';
    await db.transaction((tx) => tx.query(insert, ["v1", "kept", "x"]));
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, ["v2", "discarded", "x"]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const rows = await db.query<{ identifier: string }>('SELECT "identifier" FROM "Verification"');
    expect(rows).toEqual([{ identifier: "kept" }]);
    expect(await db.prisma.verification.count()).toBe(1);
  });

  it("fails fast with the server's address, not its password, when PostgreSQL is unreachable", async () => {
    const opening = openDatabase({
      kind: "postgres",
      url: "postgresql://piiri:hunter2@127.0.0.1:1/piiri",
    });
    await expect(opening).rejects.toThrow(
      /Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/piiri: .*ECONNREFUSED/,
    );
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });
});
