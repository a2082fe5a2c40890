import { useCallback, useSyncExternalStore } from "react";

const MUTED_KEY = "piiri.rounds.soundMuted";
const subscribers = new Set<() => void>();

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === "1";
  } catch {
    return false;
  }
}

function subscribe(callback: () => void): () => void {
  subscribers.add(callback);
  const onStorage = (event: StorageEvent) => {
    if (event.key === MUTED_KEY) callback();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    subscribers.delete(callback);
    window.removeEventListener("storage", onStorage);
  };
}

/** This person's choice to mute the end-of-turn sound, remembered in this browser. */
export function useSoundMuted(): [boolean, (muted: boolean) => void] {
  const muted = useSyncExternalStore(subscribe, readMuted, () => false);
  const setMuted = useCallback((next: boolean) => {
    try {
      if (next) localStorage.setItem(MUTED_KEY, "1");
      else localStorage.removeItem(MUTED_KEY);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
    for (const callback of subscribers) callback();
  }, []);
  return [muted, setMuted];
}

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof window === "undefined" || typeof window.AudioContext !== "function") return null;
  context ??= new window.AudioContext();
  return context;
}

/**
 * A gentle two-note chime synthesised with WebAudio: nothing to download, no third party.
 * Soft sine tones with a slow attack and a long decay, quiet enough not to startle a speaker.
 */
export function playTurnChime(): void {
  const ctx = audioContext();
  if (!ctx) return;
  if (ctx.state === "suspended") void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.02;
  const notes: Array<[frequency: number, offset: number]> = [
    [659.25, 0], // E5
    [523.25, 0.28], // C5
  ];
  for (const [frequency, offset] of notes) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    const t = start + offset;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.12, t + 0.04);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 1.4);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(t);
    oscillator.stop(t + 1.5);
  }
}
