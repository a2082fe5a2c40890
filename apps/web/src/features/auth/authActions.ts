import { ApiError, apiErrorFromBody } from "../../lib/apiError.ts";
import { authClient } from "../../lib/authClient.ts";

type AuthResult = { error: { status: number; code?: string | undefined } | null };

/** better-auth's client answers `{ data, error }`; the rest of the app works with ApiError. */
async function run(call: () => Promise<AuthResult>): Promise<void> {
  let result: AuthResult;
  try {
    result = await call();
  } catch {
    throw new ApiError(0, "NETWORK");
  }
  if (result.error) throw apiErrorFromBody(result.error.status, result.error);
}

export function signUp(input: { name: string; email: string; password: string }): Promise<void> {
  return run(() => authClient.signUp.email(input));
}

export function signIn(input: { email: string; password: string }): Promise<void> {
  return run(() => authClient.signIn.email(input));
}
