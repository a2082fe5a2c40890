import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./client.ts";

describe("parseDatabaseUrl", () => {
  const fallback = "/srv/piiri/.data/pglite";

  it("uses PGlite in the default directory when DATABASE_URL is unset or blank", () => {
    expect(parseDatabaseUrl(undefined, fallback)).toEqual({ kind: "pglite", dataDir: fallback });
    expect(parseDatabaseUrl("", fallback)).toEqual({ kind: "pglite", dataDir: fallback });
    expect(parseDatabaseUrl("   ", fallback)).toEqual({ kind: "pglite", dataDir: fallback });
  });

  it("keeps PGlite in memory for pglite:memory", () => {
    expect(parseDatabaseUrl("pglite:memory", fallback)).toEqual({ kind: "pglite", dataDir: null });
    expect(parseDatabaseUrl("pglite://memory", fallback)).toEqual({
      kind: "pglite",
      dataDir: null,
    });
  });

  it("uses the directory after pglite: or pglite://", () => {
    expect(parseDatabaseUrl("pglite:./data/db", fallback)).toEqual({
      kind: "pglite",
      dataDir: "./data/db",
    });
    expect(parseDatabaseUrl("pglite:/var/lib/piiri", fallback)).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/piiri",
    });
    expect(parseDatabaseUrl("pglite:///var/lib/piiri", fallback)).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/piiri",
    });
    expect(parseDatabaseUrl("pglite://relative/dir", fallback)).toEqual({
      kind: "pglite",
      dataDir: "relative/dir",
    });
  });

  it("passes postgres:// and postgresql:// URLs through unchanged", () => {
    const url = "postgresql://piiri:s3cret@db.internal:5432/piiri?sslmode=require";
    expect(parseDatabaseUrl(url, fallback)).toEqual({ kind: "postgres", url });
    expect(parseDatabaseUrl("postgres://localhost/piiri", fallback)).toEqual({
      kind: "postgres",
      url: "postgres://localhost/piiri",
    });
  });

  it("rejects pglite: without a location", () => {
    expect(() => parseDatabaseUrl("pglite:", fallback)).toThrow(/needs a directory/);
  });

  it("rejects other schemes without echoing the URL's secrets", () => {
    expect(() => parseDatabaseUrl("mysql://root:hunter2@localhost/piiri", fallback)).toThrow(
      /must start with postgres:\/\/, postgresql:\/\/ or pglite:.*"mysql:"/,
    );
    expect(() => parseDatabaseUrl("mysql://root:hunter2@localhost/piiri", fallback)).not.toThrow(
      /hunter2/,
    );
    expect(() => parseDatabaseUrl("just-a-path", fallback)).toThrow(/not a URL/);
  });
});
