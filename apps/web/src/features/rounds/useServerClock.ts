import { useCallback, useEffect, useMemo, useState } from "react";
import { useSessionConnection } from "../session/SessionConnection.tsx";
import { ClockSampler } from "./clockSampler.ts";

/** Round trips taken after every (re)connect, spaced so one network hiccup cannot spoil all. */
export const BURST_SAMPLES = 5;
export const BURST_SPACING_MS = 150;
/** Afterwards one more sample now and then: clocks drift, routes change. */
export const RESAMPLE_EVERY_MS = 30_000;

/** A monotonic local clock in epoch-like ms: immune to the system clock being set mid-session. */
export function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface ServerClock {
  /** The server's clock now (epoch ms), or null before the first sample came back. */
  now: () => number | null;
  /** True once at least one round trip has given an offset. */
  synced: boolean;
}

type ClockSync = () => Promise<number | null>;

/**
 * Runs the sampling: a burst at start, then one sample every `RESAMPLE_EVERY_MS`. `sync` sends
 * one `clock.sync` and resolves with the server's time (null on failure). The first sample of a
 * run replaces the samples of earlier runs (an earlier connection's line, maybe another API
 * node); until it arrives the old estimate stands, still far better than the local clock.
 * Plain timing logic, apart from React, so it is tested with fake timers and a fake clock.
 */
export function startClockSampling(
  sampler: ClockSampler,
  sync: ClockSync,
  localNow: () => number,
  onUpdate: () => void,
): () => void {
  let stopped = false;
  let first = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sampleOnce = async () => {
    const sentAt = localNow();
    const serverNow = await sync();
    const receivedAt = localNow();
    if (stopped || serverNow === null) return;
    if (first) sampler.reset();
    first = false;
    sampler.add({ sentAt, serverNow, receivedAt });
    onUpdate();
  };

  const schedule = (delay: number, remainingBurst: number) => {
    timer = setTimeout(() => {
      void sampleOnce().then(() => {
        if (stopped) return;
        if (remainingBurst > 1) schedule(BURST_SPACING_MS, remainingBurst - 1);
        else schedule(RESAMPLE_EVERY_MS, 0);
      });
    }, delay);
  };
  schedule(0, BURST_SAMPLES);

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The server's clock, estimated over the session's one socket; resampled after every reconnect. */
export function useServerClock(): ServerClock {
  const { presence, request } = useSessionConnection();
  const [sampler] = useState(() => new ClockSampler());
  const [synced, setSynced] = useState(false);
  const connected = presence.status === "joined";

  useEffect(() => {
    if (!connected) return;
    return startClockSampling(
      sampler,
      async () => {
        const ack = await request<{ serverNow: number }>({ type: "clock.sync" });
        return ack.ok && Number.isFinite(ack.serverNow) ? ack.serverNow : null;
      },
      monotonicNow,
      () => setSynced(true),
    );
  }, [connected, request, sampler]);

  const now = useCallback(() => sampler.serverNow(monotonicNow()), [sampler]);
  return useMemo(() => ({ now, synced }), [now, synced]);
}
