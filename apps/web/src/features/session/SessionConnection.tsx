import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  type ReactNode,
} from "react";
import { ErrorCode } from "@piiri/protocol/errors";
import {
  ConnectRefusal,
  ServerEvent,
  type Ack,
  type ClientRequest,
} from "@piiri/protocol/realtime";
import { connectSocket, type PiiriSocket } from "../../lib/socket.ts";
import { initialPresence, presenceReducer, type PresenceState } from "./presenceState.ts";

const ACK_TIMEOUT_MS = 8_000;
/** After the server ended the connection, at most one reconnect attempt in this time. */
const SERVER_RETRY_MS = 10_000;

type Listener = (event: ServerEvent) => void;

/**
 * The session page's one socket. Every live feature (presence, lobby and room, rounds, board)
 * shares it: it joins the session after every (re)connect, and the server then sends each
 * feature's full state, so features never need to ask for it again after a reconnect.
 */
export interface SessionConnection {
  sessionId: string;
  /** Connection status and the participant list (presence is the session membership itself). */
  presence: PresenceState;
  /**
   * Sends one request and resolves with its ack. Never rejects: a missing socket or no answer
   * within 8 s resolves with `{ ok: false, code: "INTERNAL" }`-style errors the UI can translate.
   */
  request: <T extends object = object>(message: ClientRequest) => Promise<Ack<T>>;
  /**
   * Subscribes to validated server events; returns the unsubscribe function. Subscribe in an
   * effect: child effects run before the provider connects, so no event is missed.
   */
  subscribe: (listener: Listener) => () => void;
}

const SessionConnectionContext = createContext<SessionConnection | null>(null);

export function SessionConnectionProvider({
  sessionId,
  children,
}: {
  sessionId: string;
  children: ReactNode;
}) {
  const reducer = useMemo(() => presenceReducer(sessionId), [sessionId]);
  const [presence, dispatch] = useReducer(reducer, initialPresence);
  const listeners = useRef(new Set<Listener>());
  const socketRef = useRef<PiiriSocket | null>(null);

  useEffect(() => {
    const socket = connectSocket();
    socketRef.current = socket;

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
      if (!parsed.success) {
        console.warn("Ignored an unexpected server event", parsed.error.issues);
        return;
      }
      if (parsed.data.type === "connection.closing") {
        // The server is closing this connection for a reason; reconnecting would meet the same.
        dispatch({ type: "refused", code: parsed.data.reason });
        return;
      }
      dispatch({ type: "serverEvent", event: parsed.data });
      for (const listener of listeners.current) listener(parsed.data);
    });
    let serverEndedAt = -Infinity;
    socket.on("disconnect", (reason) => {
      dispatch({ type: "connectionLost" });
      // The server ended the connection (its sign-in ended): socket.io does not come back by
      // itself then. Try again (not in a loop); the handshake lets us back in or says why not
      // (UNAUTHENTICATED).
      if (reason === "io server disconnect" && Date.now() - serverEndedAt > SERVER_RETRY_MS) {
        serverEndedAt = Date.now();
        socket.connect();
      }
    });
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
      socketRef.current = null;
    };
  }, [sessionId]);

  const request = useCallback(async <T extends object>(message: ClientRequest): Promise<Ack<T>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, code: "INTERNAL", message: "not connected" };
    try {
      const ack: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("request", message);
      return ack as Ack<T>;
    } catch {
      return { ok: false, code: "INTERNAL", message: "no answer" };
    }
  }, []);
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<SessionConnection>(
    () => ({ sessionId, presence, request, subscribe }),
    [sessionId, presence, request, subscribe],
  );

  return <SessionConnectionContext value={value}>{children}</SessionConnectionContext>;
}

export function useSessionConnection(): SessionConnection {
  const connection = use(SessionConnectionContext);
  if (!connection) throw new Error("useSessionConnection outside SessionConnectionProvider");
  return connection;
}

/** Calls `listener` for every server event while the component is mounted. */
export function useSessionEvents(listener: Listener): void {
  const { subscribe } = useSessionConnection();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}
