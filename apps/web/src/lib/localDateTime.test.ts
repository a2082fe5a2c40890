import { ScheduleSessionBody } from "@piiri/protocol/sessions";
import { describe, expect, it } from "vitest";
import { defaultSessionDate, localDateTimeToIso } from "./localDateTime.ts";

// vitest.config.ts runs the tests in Europe/Helsinki: +02:00 in winter, +03:00 in summer.
describe("localDateTimeToIso", () => {
  it("uses the winter offset for a winter date", () => {
    expect(localDateTimeToIso("2026-12-01", "09:00")).toBe("2026-12-01T09:00:00+02:00");
  });

  it("uses that day's offset, not today's, for a summer date", () => {
    expect(localDateTimeToIso("2027-06-15", "17:30")).toBe("2027-06-15T17:30:00+03:00");
  });

  it("names the same instant as the wall-clock time the person typed", () => {
    const iso = localDateTimeToIso("2026-10-25", "02:30");
    expect(iso).not.toBeNull();
    expect(new Date(iso ?? "").getTime()).toBe(new Date(2026, 9, 25, 2, 30).getTime());
  });

  it("moves a time skipped by the spring DST change forward, with the new offset", () => {
    // 29 March 2026: clocks go from 03:00 to 04:00 in Helsinki.
    expect(localDateTimeToIso("2026-03-29", "03:30")).toBe("2026-03-29T04:30:00+03:00");
  });

  it("produces what the API's schema accepts", () => {
    const startsAt = localDateTimeToIso("2026-12-01", "09:00");
    expect(ScheduleSessionBody.safeParse({ startsAt }).success).toBe(true);
  });

  it.each([
    ["2026-02-31", "09:00"],
    ["2026-13-01", "09:00"],
    ["2026-12-01", "24:00"],
    ["2026-12-01", "9:00"],
    ["", "09:00"],
    ["2026-12-01", ""],
  ])("rejects %s %s", (date, time) => {
    expect(localDateTimeToIso(date, time)).toBeNull();
  });
});

describe("defaultSessionDate", () => {
  it("is a week from today, across a month end", () => {
    expect(defaultSessionDate(new Date(2026, 0, 28, 15, 0))).toBe("2026-02-04");
  });
});
