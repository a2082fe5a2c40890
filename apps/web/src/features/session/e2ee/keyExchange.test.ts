import { describe, expect, it } from "vitest";
import { chooseKeyHolder, RoomKeyExchange, type KeyMember, type KeyStatus } from "./keyExchange.ts";
import {
  createIdentity,
  createRoomKey,
  wrapRoomKey,
  type Identity,
  type RoomKey,
  type WrappedRoomKey,
} from "./roomKey.ts";

const SESSION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
// The supervisor's id sorts last, so "supervisor first" is really tested.
const ANNA = "ffffffff-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const VILLE = "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const SANNA = "2b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";

/**
 * Browsers wired together the way the server relays: the admitted members' public keys go to
 * everyone (`live.e2ee.keys`), a share goes only to its `to`.
 */
class Room {
  browsers = new Map<string, Browser>();
  async admit(id: string, supervisor = false): Promise<Browser> {
    const browser = new Browser(this, id, supervisor, await createIdentity());
    this.browsers.set(id, browser);
    await this.broadcastKeys();
    return browser;
  }
  async remove(id: string): Promise<void> {
    this.browsers.get(id)?.exchange.close();
    this.browsers.delete(id);
    await this.broadcastKeys();
  }
  keys(): KeyMember[] {
    return [...this.browsers.values()].map((b) => ({
      membershipId: b.id,
      publicKey: b.publicKey,
      supervisor: b.supervisor,
    }));
  }
  async broadcastKeys(): Promise<void> {
    await Promise.all([...this.browsers.values()].map((b) => b.exchange.setMembers(this.keys())));
    await this.settle();
  }
  relayed: Promise<void>[] = [];
  relay(from: string, to: string, share: WrappedRoomKey): void {
    const target = this.browsers.get(to);
    if (target) this.relayed.push(target.exchange.receive(from, share));
  }
  async settle(): Promise<void> {
    while (this.relayed.length > 0) await Promise.all(this.relayed.splice(0));
  }
}

class Browser {
  key: RoomKey | null = null;
  status: KeyStatus = { state: "waiting" };
  exchange: RoomKeyExchange;
  publicKey: string;
  constructor(
    room: Room,
    readonly id: string,
    readonly supervisor: boolean,
    readonly identity: Identity,
  ) {
    this.publicKey = identity.publicKey;
    this.exchange = new RoomKeyExchange({
      sessionId: SESSION,
      me: id,
      identity,
      send: (to, share) => room.relay(id, to, share),
      onKey: (key) => {
        this.key = key;
      },
      onStatus: (status) => {
        this.status = status;
      },
    });
  }
  code(): string | null {
    return this.status.state === "ready" ? this.status.safetyCode : null;
  }
}

function member(membershipId: string, supervisor = false): KeyMember {
  return { membershipId, publicKey: "pk", supervisor };
}

describe("chooseKeyHolder", () => {
  it("is the supervisor when present, else the smallest id, whatever the order", () => {
    expect(chooseKeyHolder([])).toBeNull();
    expect(chooseKeyHolder([member(SANNA), member(ANNA, true), member(VILLE)])).toBe(ANNA);
    expect(chooseKeyHolder([member(ANNA, true), member(VILLE)])).toBe(ANNA);
    expect(chooseKeyHolder([member(SANNA), member(VILLE)])).toBe(VILLE);
    expect(chooseKeyHolder([member(VILLE), member(SANNA)])).toBe(VILLE);
  });
});

describe("RoomKeyExchange", () => {
  it("gives everyone the supervisor's key and the same safety code", async () => {
    const room = new Room();
    const anna = await room.admit(ANNA, true);
    const ville = await room.admit(VILLE);
    const sanna = await room.admit(SANNA);
    expect(anna.key).not.toBeNull();
    for (const browser of [ville, sanna]) {
      expect(browser.key?.keyId).toBe(anna.key?.keyId);
      expect(browser.key?.material).toEqual(anna.key?.material);
      expect(browser.code()).toBe(anna.code());
    }
    expect(anna.code()).toMatch(/^\d{4} \d{4} \d{4}$/);
  });

  it("rotates after a removal: the removed person does not get the new key", async () => {
    const room = new Room();
    const anna = await room.admit(ANNA, true);
    const ville = await room.admit(VILLE);
    const sanna = await room.admit(SANNA);
    const before = anna.key;
    await room.remove(SANNA);
    expect(await anna.exchange.rotate()).toBe(true);
    await room.settle();
    expect(anna.key?.keyId).toBe(((before?.keyId ?? 0) + 1) % 256);
    expect(ville.key?.material).toEqual(anna.key?.material);
    expect(sanna.key?.material).toEqual(before?.material);
    expect(ville.code()).toBe(anna.code());
    expect(sanna.code()).not.toBe(anna.code());
    // Only the holder rotates.
    expect(await ville.exchange.rotate()).toBe(false);
  });

  it("without the supervisor the smallest id holds the key; the supervisor takes over on arrival", async () => {
    const room = new Room();
    const sanna = await room.admit(SANNA);
    const ville = await room.admit(VILLE);
    // Ville's id is smaller: Ville's new key replaces the one Sanna made while alone.
    expect(sanna.key?.material).toEqual(ville.key?.material);
    expect(sanna.code()).toBe(ville.code());
    const anna = await room.admit(ANNA, true);
    expect(ville.key?.material).toEqual(anna.key?.material);
    expect(sanna.key?.material).toEqual(anna.key?.material);
    expect(sanna.status.state === "ready" && sanna.status.holder).toBe(ANNA);
    expect(ville.code()).toBe(anna.code());
  });

  it("when the supervisor leaves, the next holder keeps the key everyone already has", async () => {
    const room = new Room();
    const anna = await room.admit(ANNA, true);
    const ville = await room.admit(VILLE);
    const sanna = await room.admit(SANNA);
    const key = anna.key;
    await room.remove(ANNA);
    expect(ville.key?.material).toEqual(key?.material);
    expect(sanna.key?.material).toEqual(key?.material);
    expect(sanna.code()).toBe(ville.code());
    // A newcomer gets it from Ville.
    const other = await room.admit("3b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e");
    expect(other.key?.material).toEqual(key?.material);
    expect(other.code()).toBe(ville.code());
  });

  it("hands the key out again after a share was lost on the way", async () => {
    const room = new Room();
    const anna = await room.admit(ANNA, true);
    const realRelay = room.relay.bind(room);
    let drop = true;
    room.relay = (from, to, share) => {
      if (drop && to === VILLE) return;
      realRelay(from, to, share);
    };
    const ville = await room.admit(VILLE);
    expect(ville.key).toBeNull();
    // Resharing without forgetting sends nothing new: each member gets each key once.
    drop = false;
    await anna.exchange.reshare();
    await room.settle();
    expect(ville.key).toBeNull();
    anna.exchange.forget(VILLE);
    await anna.exchange.reshare();
    await room.settle();
    expect(ville.key?.material).toEqual(anna.key?.material);
  });

  it("ignores a key offered by someone who is not the holder", async () => {
    const room = new Room();
    const anna = await room.admit(ANNA, true);
    const ville = await room.admit(VILLE);
    const sanna = await room.admit(SANNA);
    // Sanna pretends to be the holder and sends Ville a real key of her own.
    const share = await wrapRoomKey(createRoomKey(), sanna.identity, ville.publicKey, {
      sessionId: SESSION,
      from: SANNA,
      to: VILLE,
    });
    await ville.exchange.receive(SANNA, share);
    expect(ville.key?.material).toEqual(anna.key?.material);
    expect(sanna.key?.material).toEqual(anna.key?.material);
  });
});
