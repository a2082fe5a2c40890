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
        if (remaining <= 0) throw new Error(`presence never matched; last: ${this.names().join(", ")}`);
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
