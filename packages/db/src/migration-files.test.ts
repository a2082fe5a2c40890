import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMigrationFiles, scriptMatchesChecksum } from "./migration-files.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("readMigrationFiles", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function migrationsDir(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "piiri-migration-files-"));
    dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  it("returns every migration folder in name order with the SHA-256 of its migration.sql", async () => {
    const dir = await migrationsDir({
      "20270101000000_b/migration.sql": "SELECT 2;\n",
      "20261123090000_a/migration.sql": "SELECT 1;\n",
      "migration_lock.toml": 'provider = "postgresql"\n',
    });
    expect(await readMigrationFiles(dir)).toEqual([
      { name: "20261123090000_a", script: "SELECT 1;\n", checksum: sha256("SELECT 1;\n") },
      { name: "20270101000000_b", script: "SELECT 2;\n", checksum: sha256("SELECT 2;\n") },
    ]);
  });

  it("refuses a migration folder without migration.sql", async () => {
    const dir = await migrationsDir({ "20261123090000_a/notes.txt": "" });
    await expect(readMigrationFiles(dir)).rejects.toMatchObject({
      code: "MIGRATION_SCRIPT_MISSING",
      migrationName: "20261123090000_a",
    });
  });

  it("refuses a missing directory, hinting at migrationsDir", async () => {
    const reading = readMigrationFiles("/nonexistent/migrations");
    await expect(reading).rejects.toMatchObject({ code: "MIGRATIONS_DIR_NOT_FOUND" });
    await expect(reading).rejects.toThrow(/pass migrationsDir/);
  });
});

describe("scriptMatchesChecksum", () => {
  const script = "CREATE TABLE a ();\nCREATE TABLE b ();\n";

  it("matches the script's own checksum and no other", () => {
    expect(scriptMatchesChecksum(script, sha256(script))).toBe(true);
    expect(scriptMatchesChecksum(`${script}-- edited\n`, sha256(script))).toBe(false);
  });

  it("tolerates line endings converted by git, like Prisma", () => {
    const crlf = script.replaceAll("\n", "\r\n");
    expect(scriptMatchesChecksum(crlf, sha256(script))).toBe(true);
    expect(scriptMatchesChecksum(script, sha256(crlf))).toBe(true);
  });
});
