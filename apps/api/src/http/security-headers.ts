import { secureHeaders } from "hono/secure-headers";

/**
 * The browser may talk to Piiri's own origin and to the configured LiveKit server, nothing else:
 * the CSP enforces "no third-party requests". `no-referrer` keeps invitation tokens in URLs from
 * leaking to anyone through the Referer header.
 */
export function piiriSecureHeaders(livekitPublicUrl: string) {
  const livekit = new URL(livekitPublicUrl);
  const livekitHttp = `${livekit.protocol === "wss:" ? "https:" : "http:"}//${livekit.host}`;
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      mediaSrc: ["'self'", "blob:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'", `${livekit.protocol}//${livekit.host}`, livekitHttp],
      workerSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    permissionsPolicy: {
      camera: ["self"],
      microphone: ["self"],
      displayCapture: ["self"],
      geolocation: [],
    },
    crossOriginEmbedderPolicy: false,
  });
}
