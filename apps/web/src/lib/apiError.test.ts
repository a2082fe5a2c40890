import { describe, expect, it } from "vitest";
import { apiErrorFromBody } from "./apiError.ts";

describe("apiErrorFromBody", () => {
  it("keeps when to try again from a RATE_LIMITED answer", () => {
    const body = { error: { code: "RATE_LIMITED", message: "slow down", retryAfterSeconds: 840 } };
    const error = apiErrorFromBody(429, body);
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterSeconds).toBe(840);
  });

  it("reads the same from better-auth's client, which spreads the body into its error", () => {
    const error = apiErrorFromBody(429, {
      status: 429,
      statusText: "Too Many Requests",
      error: { code: "RATE_LIMITED", message: "slow down", retryAfterSeconds: 60 },
    });
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterSeconds).toBe(60);
  });

  it("falls back to RATE_LIMITED without a wait from a bare 429", () => {
    const error = apiErrorFromBody(429, undefined);
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterSeconds).toBeUndefined();
  });
});
