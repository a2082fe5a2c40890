// A local HTTP endpoint standing in for LiveKit's RoomService API, which cannot run on this
// machine. It checks what the real server would: the Twirp path, a JSON body, and an admin JWT
// (verified with the SDK's TokenVerifier: signed with the API secret, roomAdmin, for that room).
// Tests script its answers and read what it received.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TokenVerifier } from "livekit-server-sdk";

export interface ReceivedCall {
  method: string;
  body: Record<string, unknown>;
  /** The verified admin token's video grant. */
  grant: { roomAdmin?: boolean; roomCreate?: boolean; room?: string };
}

export interface LiveKitEndpoint {
  url: string;
  calls: ReceivedCall[];
  /** Refusals the endpoint answered (bad path, body or token), with the reason. */
  refusals: string[];
  /** Participants (by room, then identity) and their published tracks, for GetParticipant. */
  participants: Map<string, Map<string, Array<{ sid: string; source: string; muted: boolean }>>>;
  /** When true, every connection is dropped before an answer: LiveKit is unreachable. */
  unreachable: boolean;
  close(): Promise<void>;
}

const PREFIX = "/twirp/livekit.RoomService/";

function twirpError(response: ServerResponse, status: number, code: string, msg: string) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ code, msg }));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startLiveKitEndpoint(
  apiKey = "devkey",
  apiSecret = "secret",
): Promise<LiveKitEndpoint> {
  const verifier = new TokenVerifier(apiKey, apiSecret);
  const endpoint: Omit<LiveKitEndpoint, "url" | "close"> = {
    calls: [],
    refusals: [],
    participants: new Map(),
    unreachable: false,
  };
  const server = createServer((request, response) => {
    if (endpoint.unreachable) {
      request.socket.destroy();
      return;
    }
    void handle(request, response).catch((error: unknown) => {
      endpoint.refusals.push(String(error));
      twirpError(response, 500, "internal", "endpoint failed");
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = request.url ?? "";
    if (request.method !== "POST" || !path.startsWith(PREFIX)) {
      endpoint.refusals.push(`path ${request.method} ${path}`);
      return twirpError(response, 404, "bad_route", "no such route");
    }
    if (!/^application\/json/.test(request.headers["content-type"] ?? "")) {
      endpoint.refusals.push("content-type");
      return twirpError(response, 415, "malformed", "json only");
    }
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    const auth = request.headers.authorization ?? "";
    let grant: ReceivedCall["grant"];
    try {
      const claims = await verifier.verify(auth.replace(/^Bearer /, ""));
      grant = claims.video ?? {};
    } catch {
      endpoint.refusals.push("token");
      return twirpError(response, 401, "unauthenticated", "invalid token");
    }
    const method = path.slice(PREFIX.length);
    // LiveKit's permission rules: DeleteRoom needs roomCreate; participant calls need roomAdmin
    // for exactly the room named in the body.
    const permitted =
      method === "DeleteRoom"
        ? grant.roomCreate === true
        : grant.roomAdmin === true && grant.room === body.room;
    if (!permitted) {
      endpoint.refusals.push(`grant for ${method}`);
      return twirpError(response, 403, "permission_denied", "missing permission");
    }
    endpoint.calls.push({ method, body, grant });
    const room = String(body.room);
    const identity = typeof body.identity === "string" ? body.identity : "";
    const tracks = endpoint.participants.get(room)?.get(identity);
    const ok = (answer: unknown) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer));
    };
    switch (method) {
      case "GetParticipant":
        if (!tracks) return twirpError(response, 404, "not_found", "participant not found");
        return ok({ sid: `PA_${identity}`, identity, tracks });
      case "MutePublishedTrack": {
        const track = tracks?.find((candidate) => candidate.sid === body.trackSid);
        if (!track) return twirpError(response, 404, "not_found", "track not found");
        track.muted = body.muted === true;
        return ok({ track });
      }
      case "RemoveParticipant":
        if (!tracks) return twirpError(response, 404, "not_found", "participant not found");
        endpoint.participants.get(room)?.delete(identity);
        return ok({});
      case "DeleteRoom":
        endpoint.participants.delete(room);
        return ok({});
      default:
        return twirpError(response, 404, "bad_route", `unknown method ${method}`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(endpoint, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
