import type { BrowserContext } from "@playwright/test";

/**
 * Records every request a context makes to anywhere but Piiri's own origin and the configured
 * LiveKit address: the app must make no third-party requests (fonts, CDNs, analytics).
 */
export function recordForeignRequests(context: BrowserContext, allowedOrigins: string[]): string[] {
  const foreign: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (!allowedOrigins.includes(url.origin)) foreign.push(request.url());
  });
  return foreign;
}
