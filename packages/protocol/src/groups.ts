import { z } from "zod";
import { SessionSummary, ScheduleSessionBody } from "./sessions.ts";
import { GroupKind, MemberRole } from "./roles.ts";

export { GroupKind, MemberRole } from "./roles.ts";

export const GroupName = z.string().trim().min(1).max(120);
export const DisplayName = z.string().trim().min(1).max(80);

export const CreateGroupBody = z.object({
  name: GroupName,
  kind: GroupKind,
  firstSession: ScheduleSessionBody,
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export const Member = z.object({
  membershipId: z.uuid(),
  displayName: z.string(),
  role: MemberRole,
  joinedAt: z.iso.datetime(),
});
export type Member = z.infer<typeof Member>;

export const GroupSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: GroupKind,
  myRole: MemberRole,
  memberCount: z.number().int().nonnegative(),
  nextSession: SessionSummary.nullable(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GroupDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: GroupKind,
  myRole: MemberRole,
  myMembershipId: z.uuid(),
  members: z.array(Member),
  sessions: z.array(SessionSummary),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

export const GroupIdParam = z.object({ groupId: z.uuid() });
