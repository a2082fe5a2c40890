import { describe, expect, it } from "vitest";
import {
  createIdentity,
  createRoomKey,
  fromBase64Url,
  safetyCode,
  toBase64Url,
  unwrapRoomKey,
  wrapRoomKey,
  type ShareContext,
} from "./roomKey.ts";

const SESSION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const ANNA = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const VILLE = "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const SANNA = "2b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const annaToVille: ShareContext = { sessionId: SESSION, from: ANNA, to: VILLE };

function flipFirst(text: string): string {
  const bytes = fromBase64Url(text);
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return toBase64Url(bytes);
}

describe("room key relay", () => {
  it("base64url round-trips every byte value", () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(() => fromBase64Url("not base64!")).toThrow();
  });

  it("the recipient opens what the holder wrapped for them, and gets the same key", async () => {
    const [anna, ville] = await Promise.all([createIdentity(), createIdentity()]);
    const roomKey = createRoomKey();
    expect(roomKey.material.byteLength).toBe(32);
    const share = await wrapRoomKey(roomKey, anna, ville.publicKey, annaToVille);
    // What the server relays reveals nothing of the key.
    expect(share.wrapped).not.toContain(toBase64Url(roomKey.material));
    const opened = await unwrapRoomKey(share, ville, anna.publicKey, annaToVille);
    expect(opened.keyId).toBe(roomKey.keyId);
    expect(opened.material).toEqual(roomKey.material);
  });

  it("a third member cannot open a share meant for someone else", async () => {
    const [anna, ville, sanna] = await Promise.all([
      createIdentity(),
      createIdentity(),
      createIdentity(),
    ]);
    const share = await wrapRoomKey(createRoomKey(), anna, ville.publicKey, annaToVille);
    await expect(
      unwrapRoomKey(share, sanna, anna.publicKey, { ...annaToVille, to: SANNA }),
    ).rejects.toThrow();
    // Redirecting it by claiming Sanna's id in the context fails too, even for Ville.
    await expect(
      unwrapRoomKey(share, ville, anna.publicKey, { ...annaToVille, to: SANNA }),
    ).rejects.toThrow();
  });

  it("refuses a share that was altered, replayed under another key id or another session", async () => {
    const [anna, ville] = await Promise.all([createIdentity(), createIdentity()]);
    const share = await wrapRoomKey(createRoomKey(), anna, ville.publicKey, annaToVille);
    await expect(
      unwrapRoomKey(
        { ...share, wrapped: flipFirst(share.wrapped) },
        ville,
        anna.publicKey,
        annaToVille,
      ),
    ).rejects.toThrow();
    await expect(
      unwrapRoomKey({ ...share, iv: flipFirst(share.iv) }, ville, anna.publicKey, annaToVille),
    ).rejects.toThrow();
    await expect(
      unwrapRoomKey(
        { ...share, keyId: (share.keyId + 1) % 256 },
        ville,
        anna.publicKey,
        annaToVille,
      ),
    ).rejects.toThrow();
    await expect(
      unwrapRoomKey(share, ville, anna.publicKey, { ...annaToVille, sessionId: VILLE }),
    ).rejects.toThrow();
  });

  it("refuses a share whose sender's public key was swapped by someone in between", async () => {
    const [anna, ville, mallory] = await Promise.all([
      createIdentity(),
      createIdentity(),
      createIdentity(),
    ]);
    const share = await wrapRoomKey(createRoomKey(), anna, ville.publicKey, annaToVille);
    await expect(unwrapRoomKey(share, ville, mallory.publicKey, annaToVille)).rejects.toThrow();
  });

  it("every room key is new, and a rotated key takes the next place in the ring", () => {
    const a = createRoomKey();
    expect(a.keyId).toBeGreaterThanOrEqual(0);
    expect(a.keyId).toBeLessThan(256);
    const b = createRoomKey(a);
    expect(b.keyId).toBe((a.keyId + 1) % 256);
    expect(a.material).not.toEqual(b.material);
    expect(createRoomKey({ keyId: 255, material: a.material }).keyId).toBe(0);
  });

  it("the safety code is the same for everyone with the same key from the same holder", async () => {
    const [anna, mallory] = await Promise.all([createIdentity(), createIdentity()]);
    const roomKey = createRoomKey();
    const code = await safetyCode(roomKey, anna.publicKey);
    expect(code).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(await safetyCode({ ...roomKey }, anna.publicKey)).toBe(code);
    expect(await safetyCode(createRoomKey(), anna.publicKey)).not.toBe(code);
    // A swapped holder key (someone in the middle) shows a different code.
    expect(await safetyCode(roomKey, mallory.publicKey)).not.toBe(code);
  });
});
