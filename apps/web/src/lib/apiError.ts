import { ErrorBody, ErrorCode } from "@piiri/protocol/errors";

/** better-auth's own error codes that a person can cause on the sign-in and sign-up forms. */
const AUTH_ERROR_CODES = {
  INVALID_EMAIL_OR_PASSWORD: "INVALID_EMAIL_OR_PASSWORD",
  USER_ALREADY_EXISTS: "USER_ALREADY_EXISTS",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "USER_ALREADY_EXISTS",
  PASSWORD_TOO_SHORT: "PASSWORD_TOO_SHORT",
  PASSWORD_TOO_LONG: "PASSWORD_TOO_LONG",
  INVALID_EMAIL: "INVALID_EMAIL",
} as const;
type AuthErrorCode = (typeof AUTH_ERROR_CODES)[keyof typeof AUTH_ERROR_CODES];

/** Codes the client itself produces, when there is no usable answer from the server. */
type ClientErrorCode = "NETWORK" | "INVALID_RESPONSE" | "UNKNOWN";

/** Codes the sign-up page produces from the answers of its two steps (sign up, sign in). */
type FlowErrorCode = "SIGN_UP_NOT_COMPLETED";

/** Every code the UI knows how to put into words (see `errors.*` in the catalogues). */
export type ApiErrorCode = ErrorCode | AuthErrorCode | ClientErrorCode | FlowErrorCode;

/**
 * A failed request, reduced to what the UI may show: the HTTP status, a known code, and for
 * RATE_LIMITED when to try again.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code} (${status})`);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function codeFromStatus(status: number): ApiErrorCode {
  if (status === 0) return "NETWORK";
  if (status === 400) return "BAD_REQUEST";
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 413) return "PAYLOAD_TOO_LARGE";
  if (status === 415) return "UNSUPPORTED_MEDIA_TYPE";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "INTERNAL";
  return "UNKNOWN";
}

function isAuthErrorCode(code: string): code is keyof typeof AUTH_ERROR_CODES {
  return Object.hasOwn(AUTH_ERROR_CODES, code);
}

/**
 * Reads the code out of an error response. Piiri's API answers `{ error: { code, message } }`;
 * better-auth's endpoints answer `{ code, message }`. Messages are never kept: the UI translates
 * codes, and a server's English message is not for people.
 */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const piiri = ErrorBody.safeParse(body);
  if (piiri.success) {
    const { code, retryAfterSeconds } = piiri.data.error;
    return new ApiError(status, code, retryAfterSeconds);
  }

  if (
    typeof body === "object" &&
    body !== null &&
    "code" in body &&
    typeof body.code === "string"
  ) {
    const code = body.code;
    if (isAuthErrorCode(code)) return new ApiError(status, AUTH_ERROR_CODES[code]);
    const known = ErrorCode.safeParse(code);
    if (known.success) return new ApiError(status, known.data);
  }
  return new ApiError(status, codeFromStatus(status));
}
