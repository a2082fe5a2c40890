import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cleanHumanText, hasVisibleCharacter, humanText } from "./text.ts";

const Name = humanText(20);

const BIDI = [
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];
const INVISIBLE = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u3164", "\u2800"];
const COMBINING = ["\u0301", "\u0308", "\u20DD", "\uFE0F"];

describe("humanText", () => {
  it("trims, collapses white space and normalises to NFC", () => {
    expect(Name.parse("  Aino \t\n  Virtanen  ")).toBe("Aino Virtanen");
    // "ä" typed as a + combining diaeresis is stored as the one character ä.
    expect(Name.parse("Ma\u0308ki")).toBe("Mäki");
  });

  it("removes bidi embeddings, overrides and isolates", () => {
    expect(Name.parse("\u202EAino\u202C")).toBe("Aino");
    expect(Name.parse("a\u2066b\u2067c\u2068d\u2069e")).toBe("abcde");
  });

  it("refuses text that is empty or invisible once cleaned", () => {
    for (const value of [
      "",
      "   ",
      "\u200B\u200C\u200D",
      "\u0301\u0308",
      "\u202E\u202C",
      "\u3164\u3164",
      "\u2800",
      " \uFEFF ",
    ]) {
      expect(Name.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });

  it("keeps names with joiners and marks that draw something", () => {
    expect(Name.parse("👩‍⚕️ Aino")).toBe("👩‍⚕️ Aino");
    expect(Name.parse("Åsa-Märta O'Neill")).toBe("Åsa-Märta O'Neill");
    expect(Name.parse("李小龍")).toBe("李小龍");
    expect(Name.parse("שלום")).toBe("שלום");
  });

  it("caps the length after cleaning and refuses huge input outright", () => {
    expect(Name.safeParse("a".repeat(20)).success).toBe(true);
    expect(Name.safeParse("a".repeat(21)).success).toBe(false);
    expect(Name.safeParse(`  ${"a".repeat(20)}  `).success).toBe(true);
    expect(Name.safeParse("\u202E".repeat(5000)).success).toBe(false);
  });

  it("refuses what is not a string", () => {
    expect(Name.safeParse(42).success).toBe(false);
    expect(Name.safeParse(null).success).toBe(false);
  });
});

describe("humanText properties", () => {
  const anyText = fc.string({ unit: "grapheme", maxLength: 40 });
  const noise = fc.array(fc.constantFrom(...BIDI, ...INVISIBLE, ...COMBINING, " ", "\t", "\n"), {
    maxLength: 12,
  });

  it("whatever it accepts is clean: no bidi controls, no outer space, within the cap, visible", () => {
    fc.assert(
      fc.property(anyText, noise, (text, extra) => {
        const result = Name.safeParse(extra.join("") + text + extra.join(""));
        if (!result.success) return;
        expect(result.data).toBe(result.data.trim());
        expect(BIDI.some((control) => result.data.includes(control))).toBe(false);
        expect([...result.data].length).toBeLessThanOrEqual(20);
        expect(hasVisibleCharacter(result.data)).toBe(true);
      }),
    );
  });

  it("cleaning is idempotent", () => {
    fc.assert(
      fc.property(anyText, noise, (text, extra) => {
        const once = cleanHumanText(text + extra.join(""));
        expect(cleanHumanText(once)).toBe(once);
      }),
    );
  });

  it("invisible characters alone are always refused", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...BIDI, ...INVISIBLE, ...COMBINING, " "), { maxLength: 30 }),
        (chars) => {
          expect(Name.safeParse(chars.join("")).success).toBe(false);
        },
      ),
    );
  });

  it("a plain visible name is accepted unchanged", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö' -]{0,18}[A-Za-zÅÄÖåäö]$/),
        (name) => {
          fc.pre(!/ {2}/.test(name));
          expect(Name.parse(name)).toBe(name);
        },
      ),
    );
  });
});
