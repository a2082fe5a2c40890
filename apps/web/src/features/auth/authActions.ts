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

/**
 * Creates the account, then signs in with it. The server answers a sign-up alike whether the
 * email is new or already has an account (so the answer cannot be used to test addresses);
 * the sign-in tells them apart for the person who typed the password.
 */
export async function signUp(input: {
  name: string;
  email: string;
  password: string;
}): Promise<void> {
  await run(() => authClient.signUp.email(input));
  try {
    await signIn({ email: input.email, password: input.password });
  } catch (error) {
    if (error instanceof ApiError && error.code === "INVALID_EMAIL_OR_PASSWORD") {
      throw new ApiError(error.status, "SIGN_UP_NOT_COMPLETED");
    }
    throw error;
  }
}

export function signIn(input: { email: string; password: string }): Promise<void> {
  return run(() => authClient.signIn.email(input));
}
