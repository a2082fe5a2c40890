import { z } from "zod";
import { CreateGroupBody, GroupDetail, GroupSummary } from "@piiri/protocol/groups";
import {
  AcceptInvitationBody,
  AcceptInvitationResult,
  CreateInvitationBody,
  CreatedInvitation,
  INVITATION_TOKEN_PATTERN,
  InvitationPreview,
  InvitationSummary,
} from "@piiri/protocol/invitations";
import { SessionAttendance, type LiveMediaSource } from "@piiri/protocol/live";
import { LiveKitJoin, MediaHoldsAnswer } from "@piiri/protocol/livekit";
import { ScheduleSessionBody, SessionDetail, SessionSummary } from "@piiri/protocol/sessions";
import { ApiError } from "./apiError.ts";
import { encodeBody, requestJson } from "./http.ts";

// One function per API route. Response envelopes are defined here; their contents come from
// @piiri/protocol, so a server that drifts from the contract fails loudly at the boundary.

const seg = encodeURIComponent;
const Uuid = z.uuid();

/** Ids come from the address bar; one that cannot exist is "not found", not a bad request. */
function requireId(id: string, notFound: "GROUP_NOT_FOUND" | "SESSION_NOT_FOUND"): void {
  if (!Uuid.safeParse(id).success) throw new ApiError(404, notFound);
}

export async function listGroups(): Promise<GroupSummary[]> {
  const body = await requestJson("GET", "/groups", z.object({ groups: z.array(GroupSummary) }));
  return body.groups;
}

export async function createGroup(input: z.input<typeof CreateGroupBody>): Promise<GroupDetail> {
  const body = await requestJson(
    "POST",
    "/groups",
    z.object({ group: GroupDetail }),
    encodeBody(CreateGroupBody, input),
  );
  return body.group;
}

export async function getGroup(groupId: string): Promise<GroupDetail> {
  requireId(groupId, "GROUP_NOT_FOUND");
  const body = await requestJson(
    "GET",
    `/groups/${seg(groupId)}`,
    z.object({ group: GroupDetail }),
  );
  return body.group;
}

export async function scheduleSession(
  groupId: string,
  input: z.input<typeof ScheduleSessionBody>,
): Promise<SessionSummary> {
  const body = await requestJson(
    "POST",
    `/groups/${seg(groupId)}/sessions`,
    z.object({ session: SessionSummary }),
    encodeBody(ScheduleSessionBody, input),
  );
  return body.session;
}

export async function listInvitations(groupId: string): Promise<InvitationSummary[]> {
  const body = await requestJson(
    "GET",
    `/groups/${seg(groupId)}/invitations`,
    z.object({ invitations: z.array(InvitationSummary) }),
  );
  return body.invitations;
}

export function createInvitation(
  groupId: string,
  input: z.input<typeof CreateInvitationBody>,
): Promise<CreatedInvitation> {
  return requestJson(
    "POST",
    `/groups/${seg(groupId)}/invitations`,
    CreatedInvitation,
    encodeBody(CreateInvitationBody, input),
  );
}

export async function revokeInvitation(
  groupId: string,
  invitationId: string,
): Promise<InvitationSummary> {
  const body = await requestJson(
    "DELETE",
    `/groups/${seg(groupId)}/invitations/${seg(invitationId)}`,
    z.object({ invitation: InvitationSummary }),
  );
  return body.invitation;
}

export async function previewInvitation(token: string): Promise<InvitationPreview> {
  // A malformed token can never match; don't send it to the server (it would only be logged).
  if (!INVITATION_TOKEN_PATTERN.test(token)) throw new ApiError(404, "INVITATION_NOT_FOUND");
  const body = await requestJson(
    "GET",
    `/invitations/${seg(token)}`,
    z.object({ invitation: InvitationPreview }),
  );
  return body.invitation;
}

export function acceptInvitation(
  input: z.input<typeof AcceptInvitationBody>,
): Promise<AcceptInvitationResult> {
  return requestJson(
    "POST",
    "/invitations/accept",
    AcceptInvitationResult,
    encodeBody(AcceptInvitationBody, input),
  );
}

export async function getSession(sessionId: string): Promise<SessionDetail> {
  requireId(sessionId, "SESSION_NOT_FOUND");
  return requestJson("GET", `/sessions/${seg(sessionId)}`, SessionDetail);
}

export function getLiveKitJoin(sessionId: string): Promise<LiveKitJoin> {
  return requestJson("POST", `/sessions/${seg(sessionId)}/livekit-token`, LiveKitJoin, {});
}

/** I turned my microphone or camera on again myself: the supervisor's hold on it is lifted. */
export function releaseMediaHold(
  sessionId: string,
  source: LiveMediaSource,
): Promise<MediaHoldsAnswer> {
  return requestJson(
    "DELETE",
    `/sessions/${seg(sessionId)}/media-holds/${seg(source)}`,
    MediaHoldsAnswer,
  );
}

export async function getSessionAttendance(sessionId: string): Promise<SessionAttendance> {
  requireId(sessionId, "SESSION_NOT_FOUND");
  return requestJson("GET", `/sessions/${seg(sessionId)}/attendance`, SessionAttendance);
}

/** Same-origin download links (the session cookie authenticates them). */
export function sessionAttendanceCsvUrl(sessionId: string, lang: "fi" | "en"): string {
  return `/api/sessions/${seg(sessionId)}/attendance.csv?lang=${lang}`;
}

export function groupAttendanceCsvUrl(groupId: string, lang: "fi" | "en"): string {
  return `/api/groups/${seg(groupId)}/attendance.csv?lang=${lang}`;
}
