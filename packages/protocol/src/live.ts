// Live session (issue 3): lobby, hands, reactions, spotlight, supervisor controls, E2EE key relay,
// attendance.
// Socket messages of this feature. realtime.ts spreads `LiveRequests` into ClientRequest and
// `LiveEvents` into ServerEvent. Import only *types* from realtime.ts here (a value import
// would be a module cycle).
//
// How it fits together:
// - `session.join` (realtime.ts) is answered with a `live.admission` event: "admitted" (the
//   socket is now in the session and receives every feature's state) or "waiting" (lobby: the
//   socket sees nothing of the session until a supervisor admits it). A supervisor's
//   `live.admit` later sends "admitted"; `live.decline` "declined" (the person may knock again
//   by sending `session.join` again); `live.remove` "removed" (joins and tokens are refused for
//   this session from then on).
// - Shared state (hand queue, spotlight, lobby setting, ended) comes as a full `live.state`
//   snapshot after every change and right after joining; supervisors also get `live.lobby`
//   (who is waiting).
// - Supervisor controls answer `{ ok: true, video: LiveVideoOutcome }`: Piiri's own part always
//   happened; `video` says whether LiveKit was reached too.
// - E2EE: browsers announce an ECDH public key; the server relays public keys of admitted
//   members (`live.e2ee.keys`) and wrapped room keys addressed to one member
//   (`live.e2ee.share`). The server never sees a room key in the clear.
import { z } from "zod";
import { MemberRole } from "./roles.ts";

/** The reactions a participant can send (a fixed set: nothing free-form crosses the room). */
export const LiveReactionEmoji = z.enum(["👍", "👏", "❤️", "😊", "😮", "🤔", "🙏"]);
export type LiveReactionEmoji = z.infer<typeof LiveReactionEmoji>;

/** At most this many reactions per socket within LIVE_REACTION_WINDOW_MS (else RATE_LIMITED). */
export const LIVE_REACTION_BURST = 5;
export const LIVE_REACTION_WINDOW_MS = 5_000;
/** At most this many E2EE messages (announce + share) per socket within the window. */
export const LIVE_E2EE_BURST = 40;
export const LIVE_E2EE_WINDOW_MS = 10_000;

/** The media a supervisor can turn off for a participant. */
export const LiveMediaSource = z.enum(["microphone", "camera"]);
export type LiveMediaSource = z.infer<typeof LiveMediaSource>;

/** Base64 (standard or URL-safe alphabet, optional padding), bounded so nobody can flood a room. */
const base64 = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "must be base64");

/**
 * An ECDH public key as the browser exports it: base64 of the raw (uncompressed point, 65 bytes
 * for P-256) or SPKI form. Public by design; the server only relays it.
 */
export const LiveE2eePublicKey = base64(512);
/** A room key wrapped (encrypted) for one member: AES-GCM ciphertext, base64. */
export const LiveE2eeWrappedKey = base64(1024);
/** The AES-GCM IV used to wrap it, base64 (12 bytes → 16 chars). */
export const LiveE2eeIv = base64(64);
/** LiveKit's key index (ring of at most 256 keys). */
export const LiveE2eeKeyId = z.number().int().min(0).max(255);

// ---- client → server ----

const sessionScoped = { sessionId: z.uuid() };

/** Supervisor: let a waiting member in (also allowed before they knock). */
export const LiveAdmitRequest = z.object({
  type: z.literal("live.admit"),
  ...sessionScoped,
  membershipId: z.uuid(),
});
/** Supervisor: let everyone who is waiting in. */
export const LiveAdmitAllRequest = z.object({ type: z.literal("live.admitAll"), ...sessionScoped });
/** Supervisor: turn a waiting member away (they may knock again). */
export const LiveDeclineRequest = z.object({
  type: z.literal("live.decline"),
  ...sessionScoped,
  membershipId: z.uuid(),
});
/**
 * Supervisor: turn the lobby on or off for the session's whole group (persisted; default on).
 * Turning it off admits everyone already waiting.
 */
export const LiveLobbySetRequest = z.object({
  type: z.literal("live.lobby.set"),
  ...sessionScoped,
  enabled: z.boolean(),
});
/** Raise one's own hand (joins the end of the queue; raising again keeps the place). */
export const LiveHandRaiseRequest = z.object({
  type: z.literal("live.hand.raise"),
  ...sessionScoped,
});
/**
 * Lower a hand: one's own (membershipId omitted or one's own id), or anyone's as a supervisor.
 */
export const LiveHandLowerRequest = z.object({
  type: z.literal("live.hand.lower"),
  ...sessionScoped,
  membershipId: z.uuid().optional(),
});
/** An ephemeral reaction shown to everyone in the session. Rate-limited per socket. */
export const LiveReactionRequest = z.object({
  type: z.literal("live.reaction"),
  ...sessionScoped,
  emoji: LiveReactionEmoji,
});
/** Supervisor: everyone's layout shows this admitted member (null: spotlight off). */
export const LiveSpotlightRequest = z.object({
  type: z.literal("live.spotlight"),
  ...sessionScoped,
  membershipId: z.uuid().nullable(),
});
/**
 * Supervisor: turn off a participant's microphone or camera (LiveKit mutes the published track;
 * the target's sockets get `live.muted` and the client turns the device off). The person may
 * turn it back on.
 */
export const LiveMuteRequest = z.object({
  type: z.literal("live.mute"),
  ...sessionScoped,
  membershipId: z.uuid(),
  source: LiveMediaSource,
});
/** Supervisor: remove a participant from this session for good (persisted). */
export const LiveRemoveRequest = z.object({
  type: z.literal("live.remove"),
  ...sessionScoped,
  membershipId: z.uuid(),
});
/** Supervisor: end the session for everyone (status → ended; LiveKit room deleted). */
export const LiveEndRequest = z.object({ type: z.literal("live.end"), ...sessionScoped });
/** Admitted member: this browser's ECDH public key for this session (replaces an earlier one). */
export const LiveE2eeAnnounceRequest = z.object({
  type: z.literal("live.e2ee.announce"),
  ...sessionScoped,
  publicKey: LiveE2eePublicKey,
});
/** Admitted member: a room key wrapped for one other admitted member. */
export const LiveE2eeShareRequest = z.object({
  type: z.literal("live.e2ee.share"),
  ...sessionScoped,
  to: z.uuid(),
  keyId: LiveE2eeKeyId,
  wrapped: LiveE2eeWrappedKey,
  iv: LiveE2eeIv,
});

export const LiveRequests = [
  LiveAdmitRequest,
  LiveAdmitAllRequest,
  LiveDeclineRequest,
  LiveLobbySetRequest,
  LiveHandRaiseRequest,
  LiveHandLowerRequest,
  LiveReactionRequest,
  LiveSpotlightRequest,
  LiveMuteRequest,
  LiveRemoveRequest,
  LiveEndRequest,
  LiveE2eeAnnounceRequest,
  LiveE2eeShareRequest,
] as const satisfies readonly z.ZodObject[];

/**
 * The ack of live.mute / live.remove / live.end / live.spotlight: `{ ok: true, video }`.
 * "done": LiveKit carried it out too; "not_in_room": the person had no video connection;
 * "unreachable": LiveKit could not be reached (Piiri's own part still happened).
 */
export const LiveVideoOutcome = z.enum(["done", "not_in_room", "unreachable"]);
export type LiveVideoOutcome = z.infer<typeof LiveVideoOutcome>;

// ---- server → client ----

export const LiveAdmissionStatus = z.enum(["waiting", "admitted", "declined", "removed"]);
export type LiveAdmissionStatus = z.infer<typeof LiveAdmissionStatus>;

/** Sent to one member's sockets: where they stand at the door of this session. */
export const LiveAdmissionEvent = z.object({
  type: z.literal("live.admission"),
  sessionId: z.uuid(),
  status: LiveAdmissionStatus,
});

export const LiveRaisedHand = z.object({
  membershipId: z.uuid(),
  raisedAt: z.iso.datetime(),
});
export type LiveRaisedHand = z.infer<typeof LiveRaisedHand>;

/** The session's shared live state, in full, to every admitted socket after every change. */
export const LiveStateEvent = z.object({
  type: z.literal("live.state"),
  sessionId: z.uuid(),
  /** Raised hands in the order they were raised (first = next to speak). */
  hands: z.array(LiveRaisedHand),
  /** Whom everyone's layout shows, or null. */
  spotlight: z.uuid().nullable(),
  lobbyEnabled: z.boolean(),
  ended: z.boolean(),
});
export type LiveStateEvent = z.infer<typeof LiveStateEvent>;

export const LiveWaitingMember = z.object({
  membershipId: z.uuid(),
  displayName: z.string(),
  role: MemberRole,
  knockedAt: z.iso.datetime(),
});
export type LiveWaitingMember = z.infer<typeof LiveWaitingMember>;

/** Supervisors only: who is waiting in the lobby now (in order of knocking), after every change. */
export const LiveLobbyEvent = z.object({
  type: z.literal("live.lobby"),
  sessionId: z.uuid(),
  waiting: z.array(LiveWaitingMember),
});
export type LiveLobbyEvent = z.infer<typeof LiveLobbyEvent>;

export const LiveReactionEvent = z.object({
  type: z.literal("live.reaction"),
  sessionId: z.uuid(),
  membershipId: z.uuid(),
  emoji: LiveReactionEmoji,
});

/** To the target's sockets: the supervisor turned off your microphone / camera; turn it off. */
export const LiveMutedEvent = z.object({
  type: z.literal("live.muted"),
  sessionId: z.uuid(),
  source: LiveMediaSource,
});

/** To everyone in the session and the lobby: the supervisor ended the session. Leave the room. */
export const LiveEndedEvent = z.object({ type: z.literal("live.ended"), sessionId: z.uuid() });

/** Public keys of the admitted members' browsers, in full, after every change and on join. */
export const LiveE2eeKeysEvent = z.object({
  type: z.literal("live.e2ee.keys"),
  sessionId: z.uuid(),
  keys: z.array(z.object({ membershipId: z.uuid(), publicKey: LiveE2eePublicKey })),
});

/** To one member's sockets: a room key wrapped for them by `from`. */
export const LiveE2eeShareEvent = z.object({
  type: z.literal("live.e2ee.share"),
  sessionId: z.uuid(),
  from: z.uuid(),
  keyId: LiveE2eeKeyId,
  wrapped: LiveE2eeWrappedKey,
  iv: LiveE2eeIv,
});

export const LiveEvents = [
  LiveAdmissionEvent,
  LiveStateEvent,
  LiveLobbyEvent,
  LiveReactionEvent,
  LiveMutedEvent,
  LiveEndedEvent,
  LiveE2eeKeysEvent,
  LiveE2eeShareEvent,
] as const satisfies readonly z.ZodObject[];

// ---- HTTP: attendance ----

export const AttendanceInterval = z.object({
  joinedAt: z.iso.datetime(),
  /** Null while the member is still in the session. */
  leftAt: z.iso.datetime().nullable(),
});
export type AttendanceInterval = z.infer<typeof AttendanceInterval>;

/**
 * Where a member's attendance figures came from: LiveKit's webhooks ("video"), Piiri's own
 * connection to the session page while admitted ("presence"), or both. Attendance must not
 * depend on video: with no LiveKit, or with cameras and microphones off, presence still counts.
 */
export const AttendanceSource = z.enum(["video", "presence", "both"]);
export type AttendanceSource = z.infer<typeof AttendanceSource>;

export const AttendanceRow = z.object({
  membershipId: z.uuid(),
  displayName: z.string(),
  role: MemberRole,
  /** Both sources merged: sorted, never overlapping. */
  intervals: z.array(AttendanceInterval),
  firstJoinedAt: z.iso.datetime().nullable(),
  lastLeftAt: z.iso.datetime().nullable(),
  /**
   * Time in the session by either source, overlaps (two sources, two devices) counted once,
   * rounded to whole minutes.
   */
  totalMinutes: z.number().int().min(0),
  /** Null when neither source saw the member. */
  source: AttendanceSource.nullable(),
  /** What each source alone saw, in whole minutes (for checking the merged figure). */
  videoMinutes: z.number().int().min(0),
  presenceMinutes: z.number().int().min(0),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

/** GET /api/sessions/:sessionId/attendance (supervisor only). Every member of the group. */
export const SessionAttendance = z.object({
  sessionId: z.uuid(),
  startsAt: z.iso.datetime(),
  members: z.array(AttendanceRow),
});
export type SessionAttendance = z.infer<typeof SessionAttendance>;

/**
 * `?lang=fi|en` for the CSV exports (GET /api/sessions/:sessionId/attendance.csv and
 * GET /api/groups/:groupId/attendance.csv): header language and date format.
 */
export const AttendanceCsvQuery = z.object({ lang: z.enum(["fi", "en"]).default("fi") });
export type AttendanceCsvQuery = z.infer<typeof AttendanceCsvQuery>;

/**
 * How many minutes before its start a session opens to participants by itself (a supervisor
 * or co-supervisor entering it opens it at any time). Per group.
 */
export const DEFAULT_OPENS_BEFORE_MINUTES = 15;
export const MIN_OPENS_BEFORE_MINUTES = 0;
export const MAX_OPENS_BEFORE_MINUTES = 120;
export const OpensBeforeMinutes = z
  .number()
  .int()
  .min(MIN_OPENS_BEFORE_MINUTES)
  .max(MAX_OPENS_BEFORE_MINUTES);

/** GET /api/groups/:groupId/live-settings: the group's door settings. */
export const LiveSettings = z.object({
  lobbyEnabled: z.boolean(),
  opensBeforeMinutes: OpensBeforeMinutes,
});
export type LiveSettings = z.infer<typeof LiveSettings>;

/** PUT /api/groups/:groupId/live-settings (supervisor only): the settings to change. */
export const LiveSettingsUpdate = LiveSettings.partial().refine(
  (update) => update.lobbyEnabled !== undefined || update.opensBeforeMinutes !== undefined,
  { message: "give lobbyEnabled or opensBeforeMinutes" },
);
export type LiveSettingsUpdate = z.infer<typeof LiveSettingsUpdate>;
