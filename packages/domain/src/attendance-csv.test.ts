import { describe, expect, it } from "vitest";
import { attendanceCsv, csvField } from "./attendance-csv.ts";

describe("attendanceCsv", () => {
  const row = {
    sessionStartsAt: new Date("2026-12-01T07:00:00Z"),
    displayName: 'Äijälä "Ansku"; Anna',
    role: "participant" as const,
    firstJoinedAt: new Date("2026-12-01T07:02:00Z"),
    lastLeftAt: new Date("2026-12-01T08:30:00Z"),
    totalMinutes: 88,
    source: "both" as const,
    intervals: [
      { joinedAt: new Date("2026-12-01T07:02:00Z"), leftAt: new Date("2026-12-01T08:30:00Z") },
    ],
  };
  it("writes a BOM, Finnish headers, semicolons, CRLF and Helsinki local time", () => {
    const csv = attendanceCsv([row], { lang: "fi", timeZone: "Europe/Helsinki" });
    expect(csv.startsWith("\uFEFFTapaaminen;Nimi;Rooli;")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe(
      '2026-12-01 09:00;"Äijälä ""Ansku""; Anna";ohjattava;2026-12-01 09:02;2026-12-01 10:30;88;video ja Piiri;09:02–10:30',
    );
    expect(lines[2]).toBe("");
  });
  it("writes English headers on request", () => {
    const csv = attendanceCsv(
      [
        {
          ...row,
          lastLeftAt: null,
          source: "presence" as const,
          intervals: [{ joinedAt: row.sessionStartsAt, leftAt: null }],
        },
      ],
      {
        lang: "en",
        timeZone: "Europe/Helsinki",
      },
    );
    expect(csv.split("\r\n")[0]).toBe(
      "\uFEFFSession;Name;Role;First joined;Last left;Minutes;Source;Intervals",
    );
    expect(csv).toContain(";participant;2026-12-01 09:02;;88;Piiri;09:00–present");
  });
  it("leaves the source empty for someone no source saw", () => {
    const csv = attendanceCsv(
      [
        {
          ...row,
          firstJoinedAt: null,
          lastLeftAt: null,
          totalMinutes: 0,
          source: null,
          intervals: [],
        },
      ],
      { lang: "fi", timeZone: "Europe/Helsinki" },
    );
    expect(csv.split("\r\n")[1]).toMatch(/;ohjattava;;;0;;$/);
  });
  it("defuses formulas and quotes line breaks", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+358")).toBe("'+358");
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("plain")).toBe("plain");
  });
});
