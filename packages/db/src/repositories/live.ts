// Live session state that must survive reconnects, restarts and several API nodes: admissions,
// the lobby setting, raised hands, the spotlight, the ended flag, and attendance events.
import type { MemberRole } from "@piiri/protocol/groups";
import type { SessionStatus } from "@piiri/protocol/sessions";
import type { LiveAdmissionStatus } from "@piiri/protocol/live";
import { DEFAULT_OPENS_BEFORE_MINUTES } from "@piiri/protocol/live";
import type { PrismaClient } from "../generated/prisma/client.ts";

// ---- lobby ----

/** Whether the group's sessions have a lobby (default: yes). */
export async function isLobbyEnabled(prisma: PrismaClient, groupId: string): Promise<boolean> {
  const row = await prisma.liveGroupSettings.findUnique({ where: { groupId } });
  return row?.lobbyEnabled ?? true;
}

/** The group's door settings: the lobby, and how early sessions open to participants. */
export interface DoorSettings {
  lobbyEnabled: boolean;
  opensBeforeMinutes: number;
}

/** A settings row as stored, or the defaults for a group without one. */
export function doorSettingsOf(
  row: { lobbyEnabled: boolean; opensBeforeMinutes: number } | null,
): DoorSettings {
  return {
    lobbyEnabled: row?.lobbyEnabled ?? true,
    opensBeforeMinutes: row?.opensBeforeMinutes ?? DEFAULT_OPENS_BEFORE_MINUTES,
  };
}

export async function readDoorSettings(
  prisma: PrismaClient,
  groupId: string,
): Promise<DoorSettings> {
  const row = await prisma.liveGroupSettings.findUnique({
    where: { groupId },
    select: { lobbyEnabled: true, opensBeforeMinutes: true },
  });
  return doorSettingsOf(row);
}

/** Changes the given settings (the others keep their value); returns them all after. */
export async function updateDoorSettings(
  prisma: PrismaClient,
  groupId: string,
  update: Partial<DoorSettings>,
): Promise<DoorSettings> {
  const row = await prisma.liveGroupSettings.upsert({
    where: { groupId },
    create: { groupId, ...update },
    update,
    select: { lobbyEnabled: true, opensBeforeMinutes: true },
  });
  return doorSettingsOf(row);
}

/**
 * A supervisor opened the session to participants (by entering it): scheduled → open. Returns
 * whether it changed (false when it was open already, or over).
 */
export async function openSessionToParticipants(
  prisma: PrismaClient,
  sessionId: string,
): Promise<boolean> {
  const { count } = await prisma.session.updateMany({
    where: { id: sessionId, status: "scheduled" },
    data: { status: "open" },
  });
  return count > 0;
}

export async function setLobbyEnabled(
  prisma: PrismaClient,
  groupId: string,
  lobbyEnabled: boolean,
): Promise<void> {
  await prisma.liveGroupSettings.upsert({
    where: { groupId },
    create: { groupId, lobbyEnabled },
    update: { lobbyEnabled },
  });
}

export async function findAdmission(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
): Promise<LiveAdmissionStatus | null> {
  const row = await prisma.sessionAdmission.findUnique({
    where: { sessionId_membershipId: { sessionId, membershipId } },
    select: { status: true },
  });
  return row?.status ?? null;
}

/**
 * A member knocks: waiting from now (a renewed knock after a decline goes to the end of the
 * line). Never overrides an admission or a removal decided meanwhile; returns the status after.
 */
export async function recordKnock(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
  at: Date,
): Promise<LiveAdmissionStatus> {
  await prisma.sessionAdmission.createMany({
    data: [{ sessionId, membershipId, status: "waiting", knockedAt: at }],
    skipDuplicates: true,
  });
  await prisma.sessionAdmission.updateMany({
    where: { sessionId, membershipId, status: "declined" },
    data: { status: "waiting", knockedAt: at, decidedAt: null },
  });
  return (await findAdmission(prisma, sessionId, membershipId)) ?? "waiting";
}

/**
 * Records a decision. A removal is final: nothing overwrites it (the write is conditional, so a
 * concurrent admit cannot undo a removal). Returns the status after.
 */
export async function recordAdmission(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
  status: Exclude<LiveAdmissionStatus, "waiting">,
  at: Date,
): Promise<LiveAdmissionStatus> {
  await prisma.sessionAdmission.createMany({
    data: [{ sessionId, membershipId, status, decidedAt: at }],
    skipDuplicates: true,
  });
  await prisma.sessionAdmission.updateMany({
    where: { sessionId, membershipId, status: { not: "removed" } },
    data: { status, decidedAt: at },
  });
  return (await findAdmission(prisma, sessionId, membershipId)) ?? status;
}

/** Admits everyone waiting; returns whom. */
export async function admitAllWaiting(
  prisma: PrismaClient,
  sessionId: string,
  at: Date,
): Promise<string[]> {
  const waiting = await prisma.sessionAdmission.findMany({
    where: { sessionId, status: "waiting" },
    select: { membershipId: true },
  });
  const ids = waiting.map((row) => row.membershipId);
  if (ids.length === 0) return [];
  await prisma.sessionAdmission.updateMany({
    where: { sessionId, status: "waiting", membershipId: { in: ids } },
    data: { status: "admitted", decidedAt: at },
  });
  return ids;
}

export interface WaitingMember {
  membershipId: string;
  displayName: string;
  role: MemberRole;
  knockedAt: Date;
}

/** Members whose knock is pending, in the order they knocked. */
export async function listWaiting(
  prisma: PrismaClient,
  sessionId: string,
): Promise<WaitingMember[]> {
  const rows = await prisma.sessionAdmission.findMany({
    where: { sessionId, status: "waiting" },
    include: { membership: { select: { displayName: true, role: true } } },
    orderBy: [{ knockedAt: "asc" }, { membershipId: "asc" }],
  });
  return rows.map((row) => ({
    membershipId: row.membershipId,
    displayName: row.membership.displayName,
    role: row.membership.role,
    knockedAt: row.knockedAt ?? new Date(0),
  }));
}

// ---- members ----

export interface GroupMember {
  membershipId: string;
  groupId: string;
  displayName: string;
  role: MemberRole;
}

/** A membership, only if it belongs to this group. */
export async function findGroupMember(
  prisma: PrismaClient,
  groupId: string,
  membershipId: string,
): Promise<GroupMember | null> {
  const row = await prisma.membership.findFirst({
    where: { id: membershipId, groupId },
    select: { id: true, groupId: true, displayName: true, role: true },
  });
  return row
    ? { membershipId: row.id, groupId: row.groupId, displayName: row.displayName, role: row.role }
    : null;
}

/** A membership, only if it belongs to the group this session belongs to. */
export async function findSessionMember(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
): Promise<GroupMember | null> {
  const row = await prisma.membership.findFirst({
    where: { id: membershipId, group: { sessions: { some: { id: sessionId } } } },
    select: { id: true, groupId: true, displayName: true, role: true },
  });
  return row
    ? { membershipId: row.id, groupId: row.groupId, displayName: row.displayName, role: row.role }
    : null;
}

/** The group a session belongs to, or null for an unknown session. */
export async function findSessionGroupId(
  prisma: PrismaClient,
  sessionId: string,
): Promise<string | null> {
  const row = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { groupId: true },
  });
  return row?.groupId ?? null;
}

export async function listGroupMembers(
  prisma: PrismaClient,
  groupId: string,
): Promise<GroupMember[]> {
  const rows = await prisma.membership.findMany({
    where: { groupId },
    select: { id: true, groupId: true, displayName: true, role: true },
    orderBy: [{ role: "asc" }, { displayName: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    membershipId: row.id,
    groupId: row.groupId,
    displayName: row.displayName,
    role: row.role,
  }));
}

// ---- shared room state ----

export interface LiveSnapshot {
  hands: Array<{ membershipId: string; raisedAt: Date }>;
  spotlight: string | null;
  lobbyEnabled: boolean;
  ended: boolean;
}

export async function readLiveSnapshot(
  prisma: PrismaClient,
  sessionId: string,
): Promise<LiveSnapshot | null> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      status: true,
      group: { select: { liveSettings: { select: { lobbyEnabled: true } } } },
      raisedHands: { select: { membershipId: true, raisedAt: true } },
      spotlight: { select: { membershipId: true } },
    },
  });
  if (!session) return null;
  return {
    hands: session.raisedHands,
    spotlight: session.spotlight?.membershipId ?? null,
    lobbyEnabled: session.group.liveSettings?.lobbyEnabled ?? true,
    ended: session.status === "ended" || session.status === "cancelled",
  };
}

/** Raises a hand; an already raised hand keeps its place (and its time). */
export async function raiseHand(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
  at: Date,
): Promise<void> {
  await prisma.raisedHand.createMany({
    data: [{ sessionId, membershipId, raisedAt: at }],
    skipDuplicates: true,
  });
}

/** Lowers a hand; returns whether one was up. */
export async function lowerHand(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
): Promise<boolean> {
  const { count } = await prisma.raisedHand.deleteMany({ where: { sessionId, membershipId } });
  return count > 0;
}

export async function setSpotlight(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string | null,
): Promise<void> {
  if (membershipId === null) {
    await prisma.sessionSpotlight.deleteMany({ where: { sessionId } });
    return;
  }
  await prisma.sessionSpotlight.upsert({
    where: { sessionId },
    create: { sessionId, membershipId },
    update: { membershipId },
  });
}

/** Clears the spotlight if it is on this member; returns whether it was. */
export async function clearSpotlightOn(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
): Promise<boolean> {
  const { count } = await prisma.sessionSpotlight.deleteMany({
    where: { sessionId, membershipId },
  });
  return count > 0;
}

/** Ends a joinable session; returns false when it was already over. */
export async function endSession(prisma: PrismaClient, sessionId: string): Promise<boolean> {
  const { count } = await prisma.session.updateMany({
    where: { id: sessionId, status: { in: ["scheduled", "open"] } },
    data: { status: "ended" },
  });
  return count > 0;
}

// ---- attendance ----

export type AttendanceEventKind = "joined" | "left" | "room_finished";

export interface AttendanceEventInput {
  /** LiveKit's webhook event id. */
  id: string;
  sessionId: string;
  membershipId: string | null;
  kind: AttendanceEventKind;
  occurredAt: Date;
}

/** Stores one webhook's fact; false when this event id was stored before (a replay). */
export async function recordAttendanceEvent(
  prisma: PrismaClient,
  event: AttendanceEventInput,
): Promise<boolean> {
  const { count } = await prisma.attendanceEvent.createMany({
    data: [event],
    skipDuplicates: true,
  });
  return count === 1;
}

export interface StoredAttendanceEvent {
  sessionId: string;
  membershipId: string | null;
  kind: AttendanceEventKind;
  occurredAt: Date;
}

export async function listAttendanceEvents(
  prisma: PrismaClient,
  sessionIds: readonly string[],
): Promise<StoredAttendanceEvent[]> {
  return prisma.attendanceEvent.findMany({
    where: { sessionId: { in: [...sessionIds] } },
    select: { sessionId: true, membershipId: true, kind: true, occurredAt: true },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
  });
}

export interface SessionForAttendance {
  id: string;
  groupId: string;
  startsAt: Date;
  durationMinutes: number;
  status: SessionStatus;
}

/** The group's sessions that took place or may still (not cancelled), oldest first. */
export async function listGroupSessionsForAttendance(
  prisma: PrismaClient,
  groupId: string,
): Promise<SessionForAttendance[]> {
  return prisma.session.findMany({
    where: { groupId, status: { not: "cancelled" } },
    select: { id: true, groupId: true, startsAt: true, durationMinutes: true, status: true },
    orderBy: { startsAt: "asc" },
  });
}
