import type { z } from "zod";
import { ApiError, apiErrorFromBody } from "./apiError.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE";

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One same-origin JSON request to Piiri's API under /api. Every 2xx body is parsed with the
 * protocol schema, so callers get runtime-checked, typed data; anything else becomes an ApiError.
 * POST, PUT and DELETE always carry a JSON body (`{}` when there is nothing to say): the API refuses
 * other content types.
 */
export async function requestJson<S extends z.ZodType>(
  method: Method,
  path: string,
  responseSchema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const hasBody = method !== "GET";
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers: hasBody
        ? { Accept: "application/json", "Content-Type": "application/json" }
        : { Accept: "application/json" },
      body: hasBody ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError(0, "NETWORK");
  }

  const json = await readJson(response);
  if (!response.ok) throw apiErrorFromBody(response.status, json);

  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} /api${path}`, parsed.error.issues);
    throw new ApiError(response.status, "INVALID_RESPONSE");
  }
  return parsed.data;
}

/** Checks an outgoing body against its protocol schema before it leaves the browser. */
export function encodeBody<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError(0, "VALIDATION_FAILED");
  return parsed.data;
}
