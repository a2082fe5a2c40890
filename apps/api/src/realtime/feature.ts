// How a real-time feature plugs into the socket server. Each feature (presence, live session,
// rounds, board) is one module that returns a RealtimeFeature; server.ts combines their request
// handlers into one table whose type requires a handler for every ClientRequest type.
import type { Ack, ClientRequest, ClientRequestType } from "@piiri/protocol/realtime";
import type { Deps } from "../http/context.ts";
import type { PresenceBroadcaster } from "./presence.ts";
import type { PiiriServer, PiiriSocket } from "./server.ts";

export interface RealtimeContext {
  io: PiiriServer;
  deps: Deps;
  presence: PresenceBroadcaster;
}

export type LeaveReason = "left" | "disconnected" | "removed" | "ended";

export type RequestOf<T extends ClientRequestType> = Extract<ClientRequest, { type: T }>;

/**
 * Handles one validated request. Throw AppError for a refusal (it becomes an error ack); resolve
 * with the ack to send (`{ ok: true, ...data }`).
 */
export type RequestHandler<T extends ClientRequestType> = (
  socket: PiiriSocket,
  request: RequestOf<T>,
) => Promise<Ack>;

export type RequestHandlers<T extends ClientRequestType> = { [K in T]: RequestHandler<K> };

// The default (`never`) is the type of "any feature": its handlers are not looked at, only its hooks.
export interface RealtimeFeature<T extends ClientRequestType = never> {
  readonly handlers: RequestHandlers<T>;
  /**
   * A socket has joined a session (membership checked, presence set, room joined). Send it the
   * feature's full current state here so late joiners and reconnecting clients catch up.
   */
  onJoin?(socket: PiiriSocket, sessionId: string): Promise<void>;
  /**
   * A socket left a session or disconnected (it is no longer in the session's room). `reason`:
   * "left" (session.leave: the person meant it), "disconnected" (may come back), "removed" or
   * "ended" (by the supervisor).
   */
  onLeave?(sessionId: string, membershipId: string, reason: LeaveReason): Promise<void>;
  /** The server is closing: stop timers and wait for work under way. */
  close?(): Promise<void>;
}

/** A feature's lifecycle hooks alone (what presence and the server call on join, leave, close). */
export type FeatureHooks = Pick<RealtimeFeature, "onJoin" | "onLeave" | "close">;
