/**
 * Where to go after signing in. Only same-origin paths are followed, so a crafted link cannot
 * send someone off-site (`//evil.example`, `https://…`, `/\evil`).
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
