import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from "react";
import type { LiveMediaSource, LiveReactionEmoji, LiveVideoOutcome } from "@piiri/protocol/live";
import type { ClientRequest } from "@piiri/protocol/realtime";
import type { ApiErrorCode } from "../../../lib/apiError.ts";
import { useSessionConnection, useSessionEvents } from "../SessionConnection.tsx";
import { initialLiveState, liveReducer, type LiveState } from "./liveState.ts";

/** How long a reaction floats on screen. */
export const REACTION_VISIBLE_MS = 4_000;

export type FloatingReaction = { id: number; membershipId: string; emoji: LiveReactionEmoji };

/** Something the person should be told once (a failed request, a supervisor's action on them). */
export type LiveNotice =
  | { kind: "error"; code: ApiErrorCode; id: number }
  | { kind: "muted"; source: LiveMediaSource; id: number };

/** The supervisor turned this person's microphone or camera off; the video stage obeys. */
export type MuteCommand = { source: LiveMediaSource; id: number };

export interface Live {
  state: LiveState;
  muteCommand: MuteCommand | null;
  reactions: FloatingReaction[];
  notice: LiveNotice | null;
  dismissNotice: () => void;
  /**
   * Sends one live request; resolves with the ack when the server accepted it, else null (the
   * error becomes a notice). Supervisor controls' acks say whether LiveKit was reached too.
   */
  send: (message: LiveMessage) => Promise<LiveAck | null>;
  /** After being declined: ask to be let in again. */
  knockAgain: () => Promise<void>;
}

export type LiveAck = { ok: true; video?: LiveVideoOutcome };

/** A live request without the session id (the provider adds it). */
export type LiveMessage = ClientRequest extends infer R
  ? R extends { type: `live.${string}`; sessionId: string }
    ? Omit<R, "sessionId">
    : never
  : never;

const LiveContext = createContext<Live | null>(null);

/**
 * The live session's state (admission, hands, spotlight, lobby, E2EE public keys), kept as a
 * copy of the server's snapshots that arrive on the session's one socket. After a reconnect the
 * server sends everything again, so nothing here needs to be asked for.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { sessionId, presence, request } = useSessionConnection();
  const reducer = useMemo(() => liveReducer(sessionId), [sessionId]);
  const [state, dispatch] = useReducer(reducer, initialLiveState);
  const [reactions, setReactions] = useState<FloatingReaction[]>([]);
  const [notice, setNotice] = useState<LiveNotice | null>(null);
  const [muteCommand, setMuteCommand] = useState<MuteCommand | null>(null);
  const counter = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  useSessionEvents((event) => {
    dispatch({ type: "serverEvent", event });
    if (event.type === "live.reaction" && event.sessionId === sessionId) {
      counter.current += 1;
      const reaction = {
        id: counter.current,
        membershipId: event.membershipId,
        emoji: event.emoji,
      };
      setReactions((list) => [...list.slice(-11), reaction]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setReactions((list) => list.filter((r) => r.id !== reaction.id));
      }, REACTION_VISIBLE_MS);
      timers.current.add(timer);
    }
    if (event.type === "live.muted" && event.sessionId === sessionId) {
      counter.current += 1;
      setNotice({ kind: "muted", source: event.source, id: counter.current });
      setMuteCommand({ source: event.source, id: counter.current });
    }
  });

  // A removed person's joins are refused from then on (also after a reload).
  useEffect(() => {
    if (presence.status === "refused" && presence.refusal === "REMOVED_FROM_SESSION") {
      dispatch({ type: "removed" });
    }
  }, [presence.status, presence.refusal]);

  const send = useCallback(
    async (message: LiveMessage): Promise<LiveAck | null> => {
      const ack = await request<{ video?: LiveVideoOutcome }>({
        ...message,
        sessionId,
      });
      if (ack.ok) return ack;
      counter.current += 1;
      setNotice({ kind: "error", code: ack.code, id: counter.current });
      return null;
    },
    [request, sessionId],
  );

  const knockAgain = useCallback(async () => {
    dispatch({ type: "knockAgain" });
    const ack = await request({ type: "session.join", sessionId });
    if (!ack.ok) {
      if (ack.code === "REMOVED_FROM_SESSION") dispatch({ type: "removed" });
      counter.current += 1;
      setNotice({ kind: "error", code: ack.code, id: counter.current });
    }
  }, [request, sessionId]);

  const dismissNotice = useCallback(() => setNotice(null), []);

  const value = useMemo<Live>(
    () => ({ state, muteCommand, reactions, notice, dismissNotice, send, knockAgain }),
    [state, muteCommand, reactions, notice, dismissNotice, send, knockAgain],
  );
  return <LiveContext value={value}>{children}</LiveContext>;
}

export function useLive(): Live {
  const live = use(LiveContext);
  if (!live) throw new Error("useLive outside LiveProvider");
  return live;
}
