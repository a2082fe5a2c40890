import type { ErrorCode } from "@piiri/protocol/errors";
import type { ContentfulStatusCode } from "hono/utils/http-status";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  NOT_SUPERVISOR: 403,
  NOT_FOUND: 404,
  GROUP_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  SESSION_NOT_JOINABLE: 409,
  SESSION_NOT_OPEN: 403,
  INVITATION_NOT_FOUND: 404,
  INVITATION_EXPIRED: 410,
  INVITATION_REVOKED: 410,
  INVITATION_USED_UP: 410,
  ALREADY_MEMBER: 409,
  PROTOCOL_MISMATCH: 400,
  UNKNOWN_EVENT: 400,
  INVALID_MESSAGE: 400,
  RATE_LIMITED: 429,
  BOARD_LOCKED: 423,
  FRAME_LOCKED: 423,
  BOARD_ELEMENT_NOT_ALLOWED: 422,
  INTERNAL: 500,
  NOT_ADMITTED: 403,
  REMOVED_FROM_SESSION: 403,
  MEMBER_NOT_FOUND: 404,
  PHASE_NOT_FOUND: 404,
  NO_CURRENT_PHASE: 409,
  AGENDA_ENDED: 409,
  AGENDA_STARTED: 409,
  PHASE_IN_PROGRESS: 409,
  ROUND_NOT_RUNNING: 409,
  ROUND_ALREADY_RUNNING: 409,
  ROUND_EMPTY: 409,
  ROUND_FULL: 409,
  NOT_CURRENT_SPEAKER: 403,
  NO_PREVIOUS_SPEAKER: 409,
  ALREADY_IN_ROUND: 409,
  AGENDA_BUSY: 503,
};

export interface Issue {
  path: string;
  message: string;
}

/** The one error type services throw; `onError` and socket acks turn it into the wire shape. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}
