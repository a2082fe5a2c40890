// schema.prisma and prisma/migrations are written by hand, separately: this fails when the
// migrated database is not exactly what schema.prisma describes.
import { readFile } from "node:fs/promises";
import { getDMMF } from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./client.ts";
import { createTestDatabase } from "./testing/index.ts";
import { findSchemaDrift } from "./testing/schema-drift.ts";

const schemaPath = new URL("../prisma/schema.prisma", import.meta.url);
let schema: string;
let db: Database;

beforeAll(async () => {
  schema = await readFile(schemaPath, "utf8");
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function driftFor(schemaText: string): Promise<string[]> {
  const { datamodel } = await getDMMF({ datamodel: schemaText });
  return findSchemaDrift(datamodel, db);
}

/** schema.prisma with one exact piece of text replaced (failing loudly if it is not there). */
function mutated(from: string, to: string): string {
  expect(schema, `schema.prisma no longer contains ${JSON.stringify(from)}`).toContain(from);
  return schema.replace(from, to);
}

describe("schema drift", () => {
  it("finds none between schema.prisma and a freshly migrated database", async () => {
    expect(await driftFor(schema)).toEqual([]);
  });

  // Each mutation proves one kind of drift is detected, so an empty list above means something.
  it.each([
    [
      "a column type",
      "label       String?",
      "label       Int?",
      /column Invitation\.label: type is "text" .* expects "integer"/,
    ],
    [
      "nullability",
      "image         String?",
      "image         String",
      /column User\.image: nullable is true .* expects false/,
    ],
    [
      "a literal default",
      "durationMinutes Int              @default(90)",
      "durationMinutes Int              @default(60)",
      /column Session\.durationMinutes: default is "90" .* expects "60"/,
    ],
    [
      "an enum default",
      "@default(scheduled)",
      "@default(open)",
      /column Session\.status: default is "'scheduled'::\\"SessionStatus\\"" .* expects "'open'::\\"SessionStatus\\""/,
    ],
    [
      "a database default where Prisma sets the value",
      "joinedAt     DateTime         @default(now())",
      "joinedAt     DateTime         @updatedAt",
      /column Membership\.joinedAt: default is "CURRENT_TIMESTAMP" .* expects null/,
    ],
    [
      "a missing column",
      "  label       String?\n",
      "  label       String?\n  note        String?\n",
      /column Invitation\.note is missing/,
    ],
    [
      "a column the schema lacks",
      "  label       String?\n",
      "",
      /column Invitation\.label is in the database but not in schema\.prisma/,
    ],
    [
      "a unique index",
      "token     String   @unique",
      "token     String",
      /index AuthSession_token_key is in the database but not in schema\.prisma/,
    ],
    [
      "a composite unique",
      "@@unique([groupId, userId])",
      "@@unique([userId, groupId])",
      /index Membership_userId_groupId_key is missing/,
    ],
    [
      "a plain index",
      "@@index([identifier])",
      "@@index([identifier, value])",
      /index Verification_identifier_value_idx is missing/,
    ],
    [
      "an ON DELETE action",
      "references: [id], onDelete: Restrict)",
      "references: [id], onDelete: Cascade)",
      /foreign key SupervisionGroup\.SupervisionGroup_createdById_fkey: onDelete is "RESTRICT" .* expects "CASCADE"/,
    ],
    [
      "Prisma's implicit ON DELETE",
      "group           SupervisionGroup @relation(fields: [groupId], references: [id], onDelete: Cascade)",
      "group           SupervisionGroup @relation(fields: [groupId], references: [id])",
      /foreign key Session\.Session_groupId_fkey: onDelete is "CASCADE" .* expects "RESTRICT"/,
    ],
    [
      "an enum value",
      "  cancelled\n",
      "  cancelled\n  postponed\n",
      /enum SessionStatus: values is .* expects .*"postponed"/,
    ],
    [
      "a missing table",
      "// ---- Supervision process ----",
      "model Note {\n  id String @id\n}\n",
      /table Note is missing from the database/,
    ],
  ])("detects %s", async (_what, from, to, expected) => {
    const differences = await driftFor(mutated(from, to));
    expect(differences).toContainEqual(expect.stringMatching(expected));
  });

  it("detects a table no model describes (except Prisma's _prisma_migrations)", async () => {
    const other = await createTestDatabase();
    try {
      await other.exec('CREATE TABLE "Stray" ("id" TEXT PRIMARY KEY)');
      const { datamodel } = await getDMMF({ datamodel: schema });
      expect(await findSchemaDrift(datamodel, other)).toEqual([
        "table Stray is in the database but not in schema.prisma",
        "column Stray.id is in the database but not in schema.prisma",
        "index Stray_pkey is in the database but not in schema.prisma",
      ]);
    } finally {
      await other.close();
    }
  });
});
