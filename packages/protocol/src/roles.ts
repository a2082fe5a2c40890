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

export const MemberRole = z.enum(["supervisor", "participant"]);
export type MemberRole = z.infer<typeof MemberRole>;
