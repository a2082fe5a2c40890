import { describe, expect, it } from "vitest";
import { isSessionJoinable, nextSession, sessionEndsAt } from "./schedule.ts";

const at = (iso: string) => new Date(iso);

describe("schedule", () => {
  it("computes the end from the length", () => {
    expect(sessionEndsAt({ startsAt: at("2026-12-01T08:00:00Z"), durationMinutes: 90 }).toISOString()).toBe(
      "2026-12-01T09:30:00.000Z",
    );
  });
  it("treats ended and cancelled sessions as closed", () => {
    expect(isSessionJoinable("scheduled")).toBe(true);
    expect(isSessionJoinable("open")).toBe(true);
    expect(isSessionJoinable("ended")).toBe(false);
    expect(isSessionJoinable("cancelled")).toBe(false);
  });
  it("picks the earliest session that has not ended, including one in progress", () => {
    const now = at("2026-12-01T09:00:00Z");
    const sessions = [
      { id: "later", startsAt: at("2026-12-29T08:00:00Z"), durationMinutes: 90, status: "scheduled" as const },
      { id: "running", startsAt: at("2026-12-01T08:00:00Z"), durationMinutes: 90, status: "scheduled" as const },
      { id: "past", startsAt: at("2026-11-01T08:00:00Z"), durationMinutes: 90, status: "scheduled" as const },
      { id: "cancelled", startsAt: at("2026-12-15T08:00:00Z"), durationMinutes: 90, status: "cancelled" as const },
    ];
    expect(nextSession(sessions, now)?.id).toBe("running");
    expect(nextSession(sessions, at("2026-12-01T09:30:00Z"))?.id).toBe("later");
    expect(nextSession([], now)).toBeNull();
  });
});
