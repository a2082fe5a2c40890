import { useEffect, useMemo, useReducer } from "react";
import { ErrorCode } from "@piiri/protocol/errors";
import { ConnectRefusal, ServerEvent } from "@piiri/protocol/realtime";
import { connectSocket } from "../../lib/socket.ts";
import { initialPresence, presenceReducer, type PresenceState } from "./presenceState.ts";

const ACK_TIMEOUT_MS = 8_000;

/**
 * Joins a session's live presence over socket.io and keeps the participant list current.
 * Joins again after every reconnect (the server forgets a socket's rooms when it drops), and
 * says goodbye when the page goes away.
 */
export function usePresence(sessionId: string): PresenceState {
  const reducer = useMemo(() => presenceReducer(sessionId), [sessionId]);
  const [state, dispatch] = useReducer(reducer, initialPresence);

  useEffect(() => {
    const socket = connectSocket();

    const join = () => {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emit("request", { type: "session.join", sessionId }, (timeout, ack) => {
          if (timeout) {
            // No answer: treat as a dropped line and ask again while connected.
            dispatch({ type: "connectionLost" });
            if (socket.connected) join();
            return;
          }
          if (ack.ok) {
            dispatch({ type: "joined" });
          } else {
            dispatch({ type: "refused", code: ack.code });
            socket.disconnect();
          }
        });
    };

    socket.on("connect", join);
    socket.on("event", (message) => {
      const parsed = ServerEvent.safeParse(message);
      if (parsed.success) dispatch({ type: "serverEvent", event: parsed.data });
      else console.warn("Ignored an unexpected server event", parsed.error.issues);
    });
    socket.on("disconnect", () => dispatch({ type: "connectionLost" }));
    socket.on("connect_error", (error) => {
      // socket.active is false when the server refused us in its middleware: no retry follows.
      if (socket.active) {
        dispatch({ type: "connectionLost" });
        return;
      }
      const refusal = ConnectRefusal.safeParse(error.message);
      const code = refusal.success ? refusal.data : ErrorCode.safeParse(error.message).data;
      dispatch({ type: "refused", code: code ?? "UNKNOWN" });
    });

    return () => {
      if (socket.connected) socket.emit("request", { type: "session.leave", sessionId }, () => {});
      socket.disconnect();
    };
  }, [sessionId]);

  return state;
}
