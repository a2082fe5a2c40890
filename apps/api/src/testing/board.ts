// A simulated board client for integration tests: a real socket.io client that joins a session,
// keeps its own scene by the same merge rule as the web app, queues changes while disconnected
// and sends them after it reconnects (as a new socket), and records every event it received.
import type { BoardElement, BoardUpdateAck } from "@piiri/protocol/board";
import type { Ack, ServerEvent } from "@piiri/protocol/realtime";
import { mergeInto } from "@piiri/domain/board/merge";
import { connected, type TestPerson, type TestSocket } from "./harness.ts";
import { request } from "./realtime.ts";

export type UpdateAck = Ack<BoardUpdateAck>;

let nonceSeed = 1;
/** A distinct versionNonce per call, as Excalidraw's random ones are. */
export function nextNonce(): number {
  nonceSeed = (nonceSeed * 48271) % 2147483647;
  return nonceSeed;
}

/** An Excalidraw-like rectangle or sticky note. */
export function note(
  id: string,
  options: {
    version?: number;
    text?: string;
    frameId?: string | null;
    customData?: Record<string, unknown>;
  } = {},
): BoardElement {
  return {
    id,
    type: "rectangle",
    x: 10,
    y: 20,
    width: 100,
    height: 60,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "#ffec99",
    version: options.version ?? 1,
    versionNonce: nextNonce(),
    isDeleted: false,
    frameId: options.frameId ?? null,
    text: options.text ?? `note ${id}`,
    ...(options.customData ? { customData: options.customData } : {}),
  };
}

export function edited(element: BoardElement, change: Partial<BoardElement> = {}): BoardElement {
  return { ...element, ...change, version: element.version + 1, versionNonce: nextNonce() };
}

export class BoardClient {
  socket: TestSocket;
  readonly events: ServerEvent[] = [];
  scene = new Map<string, BoardElement>();
  /** Changes made while disconnected, sent after the next join. */
  private queue: BoardElement[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    readonly person: TestPerson,
    readonly sessionId: string,
  ) {
    this.socket = this.open();
  }

  private open(): TestSocket {
    const socket = this.person.socket();
    socket.on("event", (event: ServerEvent) => {
      this.events.push(event);
      if (event.type === "board.scene" && event.sessionId === this.sessionId) {
        this.scene = event.reset
          ? new Map(event.elements.map((element) => [element.id, element]))
          : mergeInto(this.scene, event.elements).scene;
      }
      if (event.type === "board.elements" && event.sessionId === this.sessionId) {
        this.scene = mergeInto(this.scene, event.elements).scene;
      }
      this.waiters.splice(0).forEach((wake) => wake());
    });
    return socket;
  }

  /** Connects and joins the session (the server then sends the whole scene). */
  async join(): Promise<Ack> {
    await connected(this.socket);
    return request(this.socket, { type: "session.join", sessionId: this.sessionId });
  }

  get online(): boolean {
    return this.socket.connected;
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  /** A new socket (as after a network drop), joins, then sends what was queued offline. */
  async reconnect(person: TestPerson = this.person): Promise<UpdateAck | null> {
    this.socket.disconnect();
    (this as { person: TestPerson }).person = person;
    this.socket = this.open();
    const joined = await this.join();
    if (!joined.ok) throw new Error(`rejoin failed: ${joined.code}`);
    const queued = this.queue.splice(0);
    if (queued.length === 0) return null;
    return this.send(queued);
  }

  /** Applies changes locally; sends them now when online, else queues them. */
  async change(elements: BoardElement[]): Promise<UpdateAck | null> {
    this.scene = mergeInto(this.scene, elements).scene;
    if (!this.online) {
      this.queue.push(...elements);
      return null;
    }
    return this.send(elements);
  }

  private async send(elements: BoardElement[]): Promise<UpdateAck> {
    const ack = (await request(this.socket, {
      type: "board.update",
      sessionId: this.sessionId,
      elements,
    })) as UpdateAck;
    if (ack.ok) this.scene = mergeInto(this.scene, ack.current).scene;
    return ack;
  }

  async request(message: Record<string, unknown>): Promise<Ack> {
    return request(this.socket, { sessionId: this.sessionId, ...message });
  }

  /** Waits (without sleeping blindly) until a condition on this client holds. */
  async until(predicate: () => boolean, what = "condition", timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  eventsOf<T extends ServerEvent["type"]>(type: T): Extract<ServerEvent, { type: T }>[] {
    return this.events.filter(
      (event): event is Extract<ServerEvent, { type: T }> => event.type === type,
    );
  }
}

/** A scene as comparable text: id → version/nonce/deleted, sorted. */
export function sceneSignature(elements: Iterable<BoardElement>): string {
  return [...elements]
    .map(
      (element) =>
        `${element.id}@${element.version}/${element.versionNonce}${element.isDeleted ? "x" : ""}`,
    )
    .sort()
    .join(" ");
}
