// The CSV a supervisor sends for invoicing uses the interface's words: a participant is an
// "ohjattava" in both, never an "osallistuja" in one of them.
import { describe, expect, it } from "vitest";
import { CSV_ROLE_NAMES, CSV_SOURCE_NAMES } from "@piiri/domain/attendance-csv";
import { en } from "../../i18n/en.ts";
import { fi } from "../../i18n/fi.ts";

describe("attendance words", () => {
  it.each([
    ["fi", fi],
    ["en", en],
  ] as const)("the %s CSV names roles and sources as the interface does", (lang, messages) => {
    expect(CSV_ROLE_NAMES[lang]).toEqual(messages.role);
    expect(CSV_SOURCE_NAMES[lang]).toEqual(messages.live.attendance.sources);
  });
});
