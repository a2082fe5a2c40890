import { createContext, use, useCallback, useMemo, useState, type ReactNode } from "react";
import { can } from "@piiri/domain/permissions";
import type { MemberRole } from "@piiri/protocol/groups";
import type { ClientRequest, PresenceParticipant } from "@piiri/protocol/realtime";
import type { Spotlight } from "@piiri/protocol/rounds";
import { ApiError } from "../../lib/apiError.ts";
import { useSessionConnection, useSessionEvents } from "../session/SessionConnection.tsx";
import { nextSnapshot, type AgendaSnapshot } from "./agendaSnapshot.ts";
import { useServerClock, type ServerClock } from "./useServerClock.ts";

export interface RoundsContextValue {
  sessionId: string;
  /** The server's latest agenda and round state; null until the first snapshot arrives. */
  snapshot: AgendaSnapshot | null;
  clock: ServerClock;
  /** Who is in the session now (the participant list's order is up to the caller). */
  present: readonly PresenceParticipant[];
  myMembershipId: string;
  /** Supervisor or co-supervisor: may run the agenda and rounds (the server checks again). */
  canFacilitate: boolean;
  /** Sends one agenda/round request; resolves with the refusal as an ApiError, or null. */
  send: (message: ClientRequest) => Promise<ApiError | null>;
}

/** Exported for component tests, which provide a value without a socket. */
export const RoundsContext = createContext<RoundsContextValue | null>(null);
const NO_SPOTLIGHT: Spotlight = { speakerId: null, listeningIds: [] };

/**
 * Holds the session's agenda and rounds for every panel, and the spotlight for the live room.
 * Mount inside SessionConnectionProvider: the server sends the full state after every (re)join.
 */
export function RoundsProvider({
  myMembershipId,
  myRole,
  children,
}: {
  myMembershipId: string;
  myRole: MemberRole;
  children: ReactNode;
}) {
  const { sessionId, request, presence } = useSessionConnection();
  const [snapshot, setSnapshot] = useState<AgendaSnapshot | null>(null);
  const clock = useServerClock();

  useSessionEvents((event) => {
    if (event.type === "agenda.state")
      setSnapshot((current) => nextSnapshot(current, event, sessionId));
  });

  const send = useCallback(
    async (message: ClientRequest) => {
      const ack = await request(message);
      return ack.ok ? null : new ApiError(0, ack.code);
    },
    [request],
  );

  const value = useMemo<RoundsContextValue>(
    () => ({
      sessionId,
      snapshot,
      clock,
      present: presence.participants,
      myMembershipId,
      canFacilitate: can(myRole, "session.facilitate"),
      send,
    }),
    [sessionId, snapshot, clock, presence.participants, myMembershipId, myRole, send],
  );
  return <RoundsContext value={value}>{children}</RoundsContext>;
}

export function useRounds(): RoundsContextValue {
  const value = use(RoundsContext);
  if (!value) throw new Error("useRounds outside RoundsProvider");
  return value;
}

/**
 * Who the live room should spotlight: the current speaker, and the presenters who only listen
 * in this phase. Outside a RoundsProvider (no session) nobody is spotlighted.
 */
export function useRoundSpotlight(): Spotlight {
  const value = use(RoundsContext);
  return value?.snapshot?.spotlight ?? NO_SPOTLIGHT;
}
