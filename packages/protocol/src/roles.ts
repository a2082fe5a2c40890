import { z } from "zod";

export const GroupKind = z.enum([
  "individual",
  "group",
  "community",
  "mediation",
  "coaching",
  "facilitation",
]);
export type GroupKind = z.infer<typeof GroupKind>;

/** A co-supervisor facilitates sessions with the supervisor but does not administer the group. */
export const MemberRole = z.enum(["supervisor", "cosupervisor", "participant"]);
export type MemberRole = z.infer<typeof MemberRole>;
