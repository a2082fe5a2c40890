import { useMemo, useState, useSyncExternalStore } from "react";
import { smoothCountdown, type ShownCountdown } from "@piiri/domain/clock";
import { countdownKey, signedRemaining } from "@piiri/domain/agenda-timer";
import type { Timer } from "@piiri/protocol/rounds";
import type { ServerClock } from "./useServerClock.ts";

/**
 * The value a countdown shows at server time `serverNow`: signed remaining ms (negative = over
 * time), smoothed so that within one countdown it never goes back up (a better clock estimate
 * arriving mid-turn must not make the clock jump backwards). `scope` separates countdowns that
 * could share a deadline (turn vs phase, one turn vs the next).
 */
export function nextShown(
  previous: ShownCountdown | null,
  scope: string,
  timer: Timer,
  serverNow: number,
): ShownCountdown {
  return smoothCountdown(
    previous,
    `${scope}|${countdownKey(timer)}`,
    signedRemaining(timer, serverNow),
  );
}

/** Ms until the shown whole second changes (m:ss rounds up while counting down, down when over). */
export function msToNextSecond(signedMs: number): number {
  const within = ((signedMs % 1000) + 1000) % 1000;
  return (within === 0 ? 1000 : within) + 1;
}

/** How often to look again while the clock is not yet synchronised. */
const UNSYNCED_RETRY_MS = 100;

export interface CountdownStore {
  getSnapshot: () => number | null;
  subscribe: (onChange: () => void) => () => void;
}

/**
 * One countdown as an external store: its value is recomputed exactly when the shown second
 * changes (not on a coarse interval, so the display is never late by more than a timer slip).
 * `memory` carries the last shown value across stores, so a new snapshot of the same countdown
 * (same key) cannot make the display jump back up.
 */
export function countdownStore(
  timer: Timer | null,
  scope: string,
  now: () => number | null,
  memory: { shown: ShownCountdown | null },
): CountdownStore {
  const compute = (): number | null => {
    if (!timer) return null;
    const serverNow = now();
    if (timer.running && serverNow === null) return null;
    memory.shown = nextShown(memory.shown, scope, timer, serverNow ?? 0);
    return memory.shown.signedMs;
  };
  let value = compute();
  return {
    getSnapshot: () => value,
    subscribe: (onChange) => {
      // A paused countdown stands still: nothing to schedule.
      if (!timer?.running) return () => undefined;
      let handle: ReturnType<typeof setTimeout> | undefined;
      const loop = () => {
        const delay = value === null ? UNSYNCED_RETRY_MS : msToNextSecond(value);
        handle = setTimeout(() => {
          const next = compute();
          if (next !== value) {
            value = next;
            onChange();
          }
          loop();
        }, delay);
      };
      // Catch up at once: time may have passed between render and subscription.
      const caughtUp = compute();
      if (caughtUp !== value) {
        value = caughtUp;
        onChange();
      }
      loop();
      return () => clearTimeout(handle);
    },
  };
}

/** Signed remaining ms of a server countdown, re-rendering when the shown second changes. */
export function useCountdown(
  timer: Timer | null,
  scope: string,
  clock: ServerClock,
): number | null {
  const [memory] = useState<{ shown: ShownCountdown | null }>(() => ({ shown: null }));
  const store = useMemo(
    () => countdownStore(timer, scope, clock.now, memory),
    // `clock.synced` flips once: the first estimate makes running countdowns computable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [timer, scope, clock.now, clock.synced, memory],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
