import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PresenceParticipant } from "@piiri/protocol/realtime";
import { useSessionConnection, useSessionEvents } from "../SessionConnection.tsx";
import type { E2eeMemberKey } from "../live/liveState.ts";
import { RoomKeyExchange, type KeyStatus } from "./keyExchange.ts";
import { createIdentity, type Identity, type RoomKey } from "./roomKey.ts";

const RESHARE_DELAY_MS = 3_000;

export type RoomKeyState = {
  status: KeyStatus;
  /** The key LiveKit should encrypt with; null until the holder handed one out. */
  roomKey: RoomKey | null;
  /** A new key for those still here (after a removal); only the key holder can. */
  rotate: () => Promise<boolean>;
};

/**
 * This browser's part in the E2EE room key: announces its public key whenever it is admitted
 * (also after every reconnect), and runs the key exchange on the members' announced keys.
 */
export function useRoomKey({
  me,
  admitted,
  keys,
  participants,
}: {
  me: string;
  admitted: boolean;
  keys: readonly E2eeMemberKey[];
  participants: readonly PresenceParticipant[];
}): RoomKeyState {
  const { sessionId, request } = useSessionConnection();
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [status, setStatus] = useState<KeyStatus>({ state: "waiting" });
  const [roomKey, setRoomKey] = useState<RoomKey | null>(null);
  const exchangeRef = useRef<RoomKeyExchange | null>(null);

  useEffect(() => {
    let cancelled = false;
    createIdentity().then(
      (created) => {
        if (!cancelled) setIdentity(created);
      },
      (error: unknown) => console.error("Could not create an E2EE key pair", error),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!identity) return;
    const exchange = new RoomKeyExchange({
      sessionId,
      me,
      identity,
      send: (to, share) => {
        void request({ type: "live.e2ee.share", sessionId, to, ...share }).then((ack) => {
          if (ack.ok) return;
          // Not relayed (rate limit, a blip): try again shortly.
          exchange.forget(to);
          retry = setTimeout(() => void exchange.reshare(), RESHARE_DELAY_MS);
        });
      },
      onKey: setRoomKey,
      onStatus: setStatus,
      onError: (error) => console.warn("Ignored an E2EE key share", error),
    });
    let retry: ReturnType<typeof setTimeout> | undefined;
    exchangeRef.current = exchange;
    return () => {
      clearTimeout(retry);
      exchange.close();
      exchangeRef.current = null;
    };
  }, [identity, me, request, sessionId]);

  const announce = useCallback(() => {
    if (identity) {
      void request({ type: "live.e2ee.announce", sessionId, publicKey: identity.publicKey });
    }
  }, [identity, request, sessionId]);

  // Announce once admitted and whenever the server says so again (each reconnect).
  useEffect(() => {
    if (admitted) announce();
  }, [admitted, announce]);
  useSessionEvents((event) => {
    if (event.type === "live.admission" && event.status === "admitted") announce();
    if (event.type === "live.e2ee.share" && event.sessionId === sessionId) {
      void exchangeRef.current?.receive(event.from, {
        keyId: event.keyId,
        wrapped: event.wrapped,
        iv: event.iv,
      });
    }
  });

  const supervisors = useMemo(
    () => new Set(participants.filter((p) => p.role === "supervisor").map((p) => p.membershipId)),
    [participants],
  );
  useEffect(() => {
    void exchangeRef.current?.setMembers(
      keys.map((key) => ({ ...key, supervisor: supervisors.has(key.membershipId) })),
    );
  }, [keys, supervisors, identity]);

  const rotate = useCallback(async () => (await exchangeRef.current?.rotate()) ?? false, []);
  return { status, roomKey, rotate };
}
