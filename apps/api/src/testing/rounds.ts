// Test helpers for the agenda and rounds: a watcher of `agenda.state` events, and a client with a
// deliberately wrong clock that estimates its offset to the server over real `clock.sync` trips.
import { estimateClockOffset, type ClockEstimate, type ClockSample } from "@piiri/domain/clock";
import type { AgendaStateEvent } from "@piiri/protocol/rounds";
import type { ServerEvent } from "@piiri/protocol/realtime";
import type { TestSocket } from "./harness.ts";
import { request } from "./realtime.ts";

export interface AgendaView {
  latest(): AgendaStateEvent | null;
  /** Every snapshot received, with the receiving client's own (skewed) clock reading. */
  readonly received: Array<{ event: AgendaStateEvent; localAt: number; realAt: number }>;
  until(
    predicate: (event: AgendaStateEvent) => boolean,
    timeoutMs?: number,
  ): Promise<AgendaStateEvent>;
}

/** Collects the agenda snapshots one socket receives; `localClock` is that client's clock. */
export function agendaOf(
  socket: TestSocket,
  sessionId: string,
  localClock: () => number = Date.now,
): AgendaView {
  let latest: AgendaStateEvent | null = null;
  const received: AgendaView["received"] = [];
  const waiters: Array<() => void> = [];
  socket.on("event", (event: ServerEvent) => {
    if (event.type !== "agenda.state" || event.sessionId !== sessionId) return;
    received.push({ event, localAt: localClock(), realAt: Date.now() });
    // Snapshots can cross on the wire; a client keeps the newest version.
    if (!latest || event.version >= latest.version) latest = event;
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    latest: () => latest,
    received,
    async until(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!latest || !predicate(latest)) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new Error(
            `agenda never matched; last: ${JSON.stringify(latest?.state.round ?? latest?.state)}`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return latest;
    },
  };
}

/**
 * Estimates the offset of a client whose clock is `localClock` to the server, from `count` real
 * `clock.sync` round trips, exactly as the web client does.
 */
export async function syncClock(
  socket: TestSocket,
  localClock: () => number,
  count = 8,
): Promise<ClockEstimate> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = localClock();
    const ack = await request(socket, { type: "clock.sync" });
    const receivedAt = localClock();
    if (!ack.ok || !("serverNow" in ack) || typeof ack.serverNow !== "number") {
      throw new Error(`clock.sync failed: ${JSON.stringify(ack)}`);
    }
    samples.push({ sentAt, serverNow: ack.serverNow, receivedAt });
  }
  const estimate = estimateClockOffset(samples);
  if (!estimate) throw new Error("no clock estimate");
  return estimate;
}
