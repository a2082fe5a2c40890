import { z } from "zod";
import { GroupKind, MemberRole } from "./roles.ts";

export const SessionStatus = z.enum(["scheduled", "open", "ended", "cancelled"]);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const DEFAULT_SESSION_MINUTES = 90;
export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 8 * 60;

export const ScheduleSessionBody = z.object({
  /** An instant with an explicit offset, e.g. 2026-12-01T09:00:00+02:00 or …Z. */
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z
    .number()
    .int()
    .min(MIN_SESSION_MINUTES)
    .max(MAX_SESSION_MINUTES)
    .default(DEFAULT_SESSION_MINUTES),
});
export type ScheduleSessionBody = z.infer<typeof ScheduleSessionBody>;

export const SessionSummary = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  startsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  status: SessionStatus,
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionDetail = z.object({
  session: SessionSummary,
  group: z.object({ id: z.uuid(), name: z.string(), kind: GroupKind }),
  me: z.object({
    membershipId: z.uuid(),
    displayName: z.string(),
    role: MemberRole,
  }),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export const SessionIdParam = z.object({ sessionId: z.uuid() });
