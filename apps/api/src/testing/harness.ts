// Starts a real Piiri (HTTP + socket.io on a loopback port, a real database) for integration
// tests, and gives each simulated person a cookie jar, a typed API client and socket clients.
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase } from "@piiri/db/testing";
import type { Database } from "@piiri/db/client";
import { PROTOCOL_VERSION } from "@piiri/protocol/version";
import type { ClientToServerEvents, ServerToClientEvents } from "@piiri/protocol/realtime";
import type { GateLimits } from "@piiri/domain/request-gate";
import { loadConfig } from "../env.ts";
import { startPiiri, type RunningPiiri } from "../server.ts";
import { createApiClient, type ApiClient } from "../hc.ts";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

/** Real time plus an offset tests can move forward (e.g. past an invitation's expiry). */
export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/**
 * Piiri as it runs behind its reverse proxy: requests arrive from loopback, and the proxy's
 * X-Forwarded-For names the client. Each TestPerson comes from an address of its own, so the
 * per-address limits count each simulated person apart, as they would count real people.
 */
const LOOPBACK_PROXY = "127.0.0.1,::1";

export async function startTestPiiri(
  clock: TestClock = testClock(),
  options: { env?: Record<string, string>; database?: Database; gateLimits?: GateLimits } = {},
): Promise<RunningPiiri> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    PIIRI_DATA_DIR: "/nonexistent",
    TRUSTED_PROXIES: LOOPBACK_PROXY,
    ...options.env,
  });
  return startPiiri(config, {
    now: clock.now,
    database,
    ...(options.gateLimits ? { gateLimits: options.gateLimits } : {}),
  });
}

let addresses = 0;
/** A distinct address per simulated person, from 198.18.0.0/15 (set aside for benchmarks). */
export function nextTestAddress(): string {
  addresses = (addresses + 1) % (1 << 17);
  return `198.${18 + (addresses >> 16)}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

export class TestPerson {
  readonly cookies = new Map<string, string>();
  readonly api: ApiClient;
  private readonly sockets: TestSocket[] = [];

  constructor(
    readonly base: string,
    /** Where this person's requests come from (sent as X-Forwarded-For, see startTestPiiri). */
    readonly address: string = nextTestAddress(),
  ) {
    this.api = createApiClient(base, { fetch: this.fetch });
  }

  /** The same browser session on another node: copies the other person's cookies. */
  adoptCookies(other: TestPerson): void {
    for (const [name, value] of other.cookies) this.cookies.set(name, value);
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** fetch with this person's cookies and Piiri's own Origin, as a browser on the page sends. */
  fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    if (!headers.has("origin")) headers.set("origin", this.base);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.address);
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  };

  async post(path: string, body: unknown): Promise<Response> {
    return this.fetch(`${this.base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** Signs up, then signs in (sign-up alone never signs in, as in the web app). */
  async signUp(name: string, email: string, password = "salasana-123"): Promise<void> {
    const response = await this.post("/api/auth/sign-up/email", { name, email, password });
    if (!response.ok)
      throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
    await this.signIn(email, password);
  }

  async signIn(email: string, password: string): Promise<void> {
    const response = await this.post("/api/auth/sign-in/email", { email, password });
    if (!response.ok)
      throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }

  socket(
    options: { protocolVersion?: number; origin?: string; timeoutMs?: number } = {},
  ): TestSocket {
    const socket: TestSocket = connect(this.base, {
      path: "/socket.io",
      timeout: options.timeoutMs ?? 20_000,
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: { protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION },
      extraHeaders: { cookie: this.cookieHeader, origin: options.origin ?? this.base },
    });
    this.sockets.push(socket);
    return socket;
  }

  closeSockets(): void {
    this.sockets.forEach((socket) => socket.disconnect());
  }
}

export async function connected(socket: TestSocket): Promise<void> {
  if (socket.connected) return;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

export function connectError(socket: TestSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected, expected a refusal")));
    socket.once("connect_error", (error) => resolve(error.message));
  });
}
