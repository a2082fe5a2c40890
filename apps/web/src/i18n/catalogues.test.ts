import { ErrorCode } from "@piiri/protocol/errors";
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { fi } from "./fi.ts";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

const catalogues = { fi: flatten(fi), en: flatten(en) };

describe("message catalogues", () => {
  it("have exactly the same keys in Finnish and English", () => {
    expect([...catalogues.en.keys()].sort()).toEqual([...catalogues.fi.keys()].sort());
  });

  it.each(Object.entries(catalogues))("%s has no empty or untrimmed values", (_lng, messages) => {
    for (const [key, value] of messages) {
      expect(value.trim(), key).not.toBe("");
      expect(value, key).toBe(value.trim());
    }
  });

  it("use the same interpolation variables in both languages", () => {
    for (const [key, fiText] of catalogues.fi) {
      expect(placeholders(catalogues.en.get(key) ?? ""), key).toEqual(placeholders(fiText));
    }
  });

  it("put every API error code into words", () => {
    for (const code of ErrorCode.options) {
      expect(catalogues.fi.has(`errors.${code}`), code).toBe(true);
    }
  });

  it("really are two languages (no untranslated copies of long texts)", () => {
    const words = (text: string) =>
      text.replace(/\{\{\s*\w+\s*\}\}/g, "").replace(/[^\p{L}]/gu, "");
    const same = [...catalogues.fi].filter(
      ([key, text]) => words(text).length > 12 && catalogues.en.get(key) === text,
    );
    expect(same).toEqual([]);
  });
});
