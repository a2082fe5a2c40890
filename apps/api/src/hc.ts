import { hc } from "hono/client";
import type { ApiType } from "./app.ts";

/** A typed client for Piiri's HTTP API (`base` is the origin, e.g. http://localhost:3000). */
export function createApiClient(base: string, options?: { fetch?: typeof fetch }) {
  return hc<ApiType>(`${base}/api`, options);
}

export type ApiClient = ReturnType<typeof createApiClient>;
