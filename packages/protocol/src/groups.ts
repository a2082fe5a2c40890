import { z } from "zod";
import { SessionSummary, ScheduleSessionBody } from "./sessions.ts";
import { GroupKind, MemberRole } from "./roles.ts";
import { humanText, PersonName } from "./text.ts";

export { GroupKind, MemberRole } from "./roles.ts";

export const GroupName = humanText(120);
/** A member's name in a group (given when accepting an invitation). */
export const DisplayName = PersonName;

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
