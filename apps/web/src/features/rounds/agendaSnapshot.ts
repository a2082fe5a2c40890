import type { AgendaState, AgendaStateEvent, Spotlight } from "@piiri/protocol/rounds";

export interface AgendaSnapshot {
  version: number;
  state: AgendaState;
  spotlight: Spotlight;
}

/**
 * Takes the server's newest full state. Snapshots are whole truths (never merged); one older
 * than what is shown (a late packet, a slower API node) is dropped. The same version again is
 * taken: after a reconnect the server resends its state.
 */
export function nextSnapshot(
  current: AgendaSnapshot | null,
  event: AgendaStateEvent,
  sessionId: string,
): AgendaSnapshot | null {
  if (event.sessionId !== sessionId) return current;
  if (current && event.version < current.version) return current;
  return { version: event.version, state: event.state, spotlight: event.spotlight };
}
