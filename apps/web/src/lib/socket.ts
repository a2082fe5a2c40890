import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@piiri/protocol/realtime";
import { PROTOCOL_VERSION } from "@piiri/protocol/version";

export type PiiriSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket to the API on this origin; the session cookie authenticates it. */
export function connectSocket(): PiiriSocket {
  return io({
    path: "/socket.io",
    auth: { protocolVersion: PROTOCOL_VERSION },
    withCredentials: true,
    transports: ["websocket"],
  });
}
