import { useSessionConnection } from "./SessionConnection.tsx";
import type { PresenceState } from "./presenceState.ts";

/** The session's connection status and live participant list (see SessionConnectionProvider). */
export function usePresence(): PresenceState {
  return useSessionConnection().presence;
}
