// Who hands out the room key, and the small state machine each browser runs to hand it out or
// take it in. No I/O of its own: the caller feeds it the server's events and sends what it asks.
import {
  createRoomKey,
  safetyCode,
  unwrapRoomKey,
  wrapRoomKey,
  type Identity,
  type RoomKey,
  type WrappedRoomKey,
} from "./roomKey.ts";

export type KeyMember = { membershipId: string; publicKey: string; supervisor: boolean };

/**
 * The key holder, the same on every screen that sees the same member list: the supervisor when
 * their browser has announced a key, else the announced member with the smallest id. Only the
 * holder creates and hands out room keys; everyone else takes keys only from the holder.
 */
export function chooseKeyHolder(members: readonly KeyMember[]): string | null {
  let best: KeyMember | null = null;
  for (const member of members) {
    if (
      !best ||
      (member.supervisor && !best.supervisor) ||
      (member.supervisor === best.supervisor && member.membershipId < best.membershipId)
    ) {
      best = member;
    }
  }
  return best?.membershipId ?? null;
}

export type KeyStatus =
  { state: "waiting" } | { state: "ready"; keyId: number; safetyCode: string; holder: string };

type Options = {
  sessionId: string;
  me: string;
  identity: Identity;
  /** Sends a wrapped room key to one member (through the server's relay). */
  send: (to: string, share: WrappedRoomKey) => void;
  /** Called whenever the room key this browser should use changes (hand it to LiveKit). */
  onKey: (key: RoomKey) => void;
  /** Called whenever what the person should see changes. */
  onStatus: (status: KeyStatus) => void;
  /** Reports a share that could not be opened (tampered with, or not for us). */
  onError?: (error: unknown) => void;
};

/**
 * One browser's side of the room key: takes the member list (`live.e2ee.keys` + roles) and
 * incoming shares, and either hands out its key (when it is the holder) or adopts the holder's.
 * Work is serialised, so events are handled in the order they came.
 */
export class RoomKeyExchange {
  private members: KeyMember[] = [];
  private holder: string | null = null;
  private key: RoomKey | null = null;
  /** Whose public key the current key came from (for the safety code). */
  private keySource: string | null = null;
  /** Per member: the public key + key id we last wrapped for (so each gets each key once). */
  private sent = new Map<string, string>();
  /** The latest share from each member, kept in case they become the holder. */
  private pending = new Map<string, WrappedRoomKey>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: Options) {}

  /** The admitted members' announced public keys, in full (roles from the presence list). */
  setMembers(members: readonly KeyMember[]): Promise<void> {
    return this.run(async () => {
      this.members = [...members];
      const holder = chooseKeyHolder(this.members);
      const changed = holder !== this.holder;
      this.holder = holder;
      if (holder !== this.options.me) {
        if (changed) {
          this.sent.clear();
          const share = holder ? this.pending.get(holder) : undefined;
          if (holder && share) await this.adopt(holder, share);
        }
        return;
      }
      if (!this.key) {
        this.key = createRoomKey();
        this.options.onKey(this.key);
      }
      if (changed || this.keySource !== this.options.identity.publicKey) {
        this.keySource = this.options.identity.publicKey;
        await this.report();
      }
      await this.shareWithEveryone();
    });
  }

  /** A share addressed to this browser, relayed by the server. */
  receive(from: string, share: WrappedRoomKey): Promise<void> {
    return this.run(async () => {
      this.pending.set(from, share);
      if (from === this.holder && from !== this.options.me) await this.adopt(from, share);
    });
  }

  /**
   * A new key for everyone still here (after someone was removed): only the holder can do it.
   * Returns false when this browser is not the holder.
   */
  rotate(): Promise<boolean> {
    return this.run(async () => {
      if (this.holder !== this.options.me) return false;
      this.key = createRoomKey(this.key);
      this.sent.clear();
      this.options.onKey(this.key);
      await this.report();
      await this.shareWithEveryone();
      return true;
    });
  }

  /**
   * A share to this member did not arrive (the relay refused it, e.g. rate-limited): hand it out
   * again on the next `reshare()`.
   */
  forget(membershipId: string): void {
    this.sent.delete(membershipId);
  }

  /** As the holder, hand the key to every member who has not got it yet. */
  reshare(): Promise<void> {
    return this.run(async () => {
      if (this.holder === this.options.me) await this.shareWithEveryone();
    });
  }

  close(): void {
    this.closed = true;
  }

  private async adopt(from: string, share: WrappedRoomKey): Promise<void> {
    const sender = this.members.find((m) => m.membershipId === from);
    if (!sender) return;
    let key: RoomKey;
    try {
      key = await unwrapRoomKey(share, this.options.identity, sender.publicKey, {
        sessionId: this.options.sessionId,
        from,
        to: this.options.me,
      });
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    const same = this.key?.keyId === key.keyId && sameBytes(this.key.material, key.material);
    if (!same) {
      this.key = key;
      this.options.onKey(key);
    }
    if (!same || this.keySource !== sender.publicKey) {
      this.keySource = sender.publicKey;
      await this.report();
    }
  }

  private async shareWithEveryone(): Promise<void> {
    const key = this.key;
    if (!key) return;
    for (const member of this.members) {
      if (member.membershipId === this.options.me) continue;
      const mark = `${member.publicKey}|${key.keyId}`;
      if (this.sent.get(member.membershipId) === mark) continue;
      const share = await wrapRoomKey(key, this.options.identity, member.publicKey, {
        sessionId: this.options.sessionId,
        from: this.options.me,
        to: member.membershipId,
      });
      if (this.closed) return;
      this.sent.set(member.membershipId, mark);
      this.options.send(member.membershipId, share);
    }
  }

  private async report(): Promise<void> {
    const key = this.key;
    const source = this.keySource;
    if (!key || !source || !this.holder) {
      this.options.onStatus({ state: "waiting" });
      return;
    }
    const code = await safetyCode(key, source);
    if (!this.closed) {
      this.options.onStatus({
        state: "ready",
        keyId: key.keyId,
        safetyCode: code,
        holder: this.holder,
      });
    }
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => (this.closed ? (undefined as T) : work()));
    this.queue = result.then(
      () => undefined,
      (error: unknown) => this.options.onError?.(error),
    );
    return result;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
