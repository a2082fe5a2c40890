// Socket helpers for integration tests: acknowledged requests and a participant-list watcher.
import type { Ack, PresenceParticipant, ServerEvent } from "@piiri/protocol/realtime";
import type { TestSocket } from "./harness.ts";

export function request(socket: TestSocket, message: unknown): Promise<Ack> {
  return new Promise((resolve) => socket.emit("request", message as never, resolve));
}

/** Collects presence snapshots one socket receives, and waits for one that satisfies a test. */
export function presenceOf(socket: TestSocket, sessionId: string) {
  let latest: PresenceParticipant[] = [];
  const waiters: Array<() => void> = [];
  socket.on("event", (event: ServerEvent) => {
    if (event.type === "presence.snapshot" && event.sessionId === sessionId) {
      latest = event.participants;
      waiters.splice(0).forEach((wake) => wake());
    }
  });
  return {
    names: () => latest.map((p) => `${p.displayName}:${p.role}`),
    async until(predicate: (names: string[]) => boolean, timeoutMs = 1000): Promise<string[]> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(this.names())) {
        const remaining = deadline - Date.now();
        if (remaining <= 0)
          throw new Error(`presence never matched; last: ${this.names().join(", ")}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return this.names();
    },
  };
}

/** Every event one socket receives, and a way to wait for one that satisfies a test. */
export function eventLog(socket: TestSocket) {
  const events: ServerEvent[] = [];
  const waiters: Array<() => void> = [];
  socket.on("event", (event: ServerEvent) => {
    events.push(event);
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    events,
    of<T extends ServerEvent["type"]>(type: T): Array<Extract<ServerEvent, { type: T }>> {
      return events.filter(
        (event): event is Extract<ServerEvent, { type: T }> => event.type === type,
      );
    },
    last<T extends ServerEvent["type"]>(type: T): Extract<ServerEvent, { type: T }> | undefined {
      return this.of(type).at(-1);
    },
    /** Waits until the latest event of `type` satisfies the predicate; returns it. */
    async until<T extends ServerEvent["type"]>(
      type: T,
      predicate: (event: Extract<ServerEvent, { type: T }>) => boolean = () => true,
      timeoutMs = 5000,
    ): Promise<Extract<ServerEvent, { type: T }>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const latest = this.last(type);
        if (latest && predicate(latest)) return latest;
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new Error(`no matching ${type}; last: ${JSON.stringify(latest ?? null)}`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}
