import { z } from "zod";
import type { ErrorCode } from "./errors.ts";
import { MemberRole } from "./groups.ts";
import { BoardEvents, BoardRequests } from "./board.ts";
import { LiveEvents, LiveRequests } from "./live.ts";
import { RoundEvents, RoundRequests } from "./rounds.ts";

/** Sent in socket.io's handshake `auth`. */
export const HandshakeAuth = z.object({ protocolVersion: z.number().int() });
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

// ---- client → server: one `request` event carrying a tagged union, always acknowledged ----

export const SessionJoinRequest = z.object({
  type: z.literal("session.join"),
  sessionId: z.uuid(),
});
export const SessionLeaveRequest = z.object({
  type: z.literal("session.leave"),
  sessionId: z.uuid(),
});
/** Every request a client may send. Each feature's requests live in its own module. */
export const ClientRequest = z.discriminatedUnion("type", [
  SessionJoinRequest,
  SessionLeaveRequest,
  ...LiveRequests,
  ...RoundRequests,
  ...BoardRequests,
]);
export type ClientRequest = z.infer<typeof ClientRequest>;
export type ClientRequestType = ClientRequest["type"];

export type AckOk<T extends object = object> = { ok: true } & T;
export type AckError = { ok: false; code: ErrorCode; message: string };
export type Ack<T extends object = object> = AckOk<T> | AckError;

// ---- server → client: one `event` event carrying a tagged union ----

export const PresenceParticipant = z.object({
  membershipId: z.uuid(),
  displayName: z.string(),
  role: MemberRole,
});
export type PresenceParticipant = z.infer<typeof PresenceParticipant>;

export const PresenceSnapshot = z.object({
  type: z.literal("presence.snapshot"),
  sessionId: z.uuid(),
  participants: z.array(PresenceParticipant),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshot>;

/**
 * To a participant's joining socket: the session is not open yet. It opens at `opensAt`, or
 * earlier when a supervisor or co-supervisor enters it; the server then lets the socket in (or
 * into the lobby) by itself, without a new `session.join`.
 */
export const SessionOpeningEvent = z.object({
  type: z.literal("session.opening"),
  sessionId: z.uuid(),
  opensAt: z.iso.datetime(),
});
export type SessionOpeningEvent = z.infer<typeof SessionOpeningEvent>;

/**
 * To a participant's sockets in a session whose time is over (its scheduled end plus a grace
 * period): they have been taken out of it and may not come back.
 */
export const SessionClosedEvent = z.object({
  type: z.literal("session.closed"),
  sessionId: z.uuid(),
});

/** Why the server is about to close this connection (it will not take it back at once). */
export const ConnectionClosingReason = z.enum(["RATE_LIMITED"]);
export type ConnectionClosingReason = z.infer<typeof ConnectionClosingReason>;

/**
 * Sent just before the server disconnects a socket, so the client can say why instead of
 * reconnecting into the same refusal. RATE_LIMITED: it kept sending after being refused.
 */
export const ConnectionClosing = z.object({
  type: z.literal("connection.closing"),
  reason: ConnectionClosingReason,
});
export type ConnectionClosing = z.infer<typeof ConnectionClosing>;

/** Every event the server may send. Each feature's events live in its own module. */
export const ServerEvent = z.discriminatedUnion("type", [
  PresenceSnapshot,
  SessionOpeningEvent,
  SessionClosedEvent,
  ConnectionClosing,
  ...LiveEvents,
  ...RoundEvents,
  ...BoardEvents,
]);
export type ServerEvent = z.infer<typeof ServerEvent>;

export interface ClientToServerEvents {
  request: (message: ClientRequest, ack: (result: Ack) => void) => void;
}
export interface ServerToClientEvents {
  event: (message: ServerEvent) => void;
}

/**
 * Reasons the server gives when it refuses a socket connection (`connect_error.message`).
 * RATE_LIMITED: this user's socket was just cut off for flooding; try again in a while.
 */
export const ConnectRefusal = z.enum([
  "UNAUTHENTICATED",
  "PROTOCOL_MISMATCH",
  "FORBIDDEN",
  "RATE_LIMITED",
]);
export type ConnectRefusal = z.infer<typeof ConnectRefusal>;
