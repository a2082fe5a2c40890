import { z } from "zod";

/**
 * Every error a client can receive, over HTTP (`{ error: { code, message } }`) or as a socket
 * ack (`{ ok: false, code, message }`). The web app translates codes, never messages.
 */
export const ErrorCode = z.enum([
  "BAD_REQUEST",
  "VALIDATION_FAILED",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_A_MEMBER",
  "NOT_SUPERVISOR",
  "NOT_FOUND",
  "GROUP_NOT_FOUND",
  "SESSION_NOT_FOUND",
  "SESSION_NOT_JOINABLE",
  /** A participant, before the session opened (or between sessions, for the group's content). */
  "SESSION_NOT_OPEN",
  "INVITATION_NOT_FOUND",
  "INVITATION_EXPIRED",
  "INVITATION_REVOKED",
  "INVITATION_USED_UP",
  "ALREADY_MEMBER",
  "PROTOCOL_MISMATCH",
  "UNKNOWN_EVENT",
  "INVALID_MESSAGE",
  "RATE_LIMITED",
  "BOARD_LOCKED",
  "FRAME_LOCKED",
  "BOARD_ELEMENT_NOT_ALLOWED",
  "INTERNAL",
  // live session (issue 3)
  "NOT_ADMITTED",
  "REMOVED_FROM_SESSION",
  "MEMBER_NOT_FOUND",
  // agenda and rounds
  "PHASE_NOT_FOUND",
  "NO_CURRENT_PHASE",
  "AGENDA_ENDED",
  "AGENDA_STARTED",
  "PHASE_IN_PROGRESS",
  "ROUND_NOT_RUNNING",
  "ROUND_ALREADY_RUNNING",
  "ROUND_EMPTY",
  "ROUND_FULL",
  "NOT_CURRENT_SPEAKER",
  "NO_PREVIOUS_SPEAKER",
  "ALREADY_IN_ROUND",
  "AGENDA_BUSY",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** With RATE_LIMITED: when to try again (also in the Retry-After header). */
    retryAfterSeconds: z.int().positive().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
