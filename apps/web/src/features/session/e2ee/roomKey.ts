// The E2EE room key and how it travels between browsers. Pure WebCrypto, no I/O: the server
// only relays what these functions produce and can read none of it.
//
// Each browser makes an ECDH P-256 key pair for its stay in the session (the private half never
// leaves WebCrypto). The key holder makes a random 256-bit room key, and for every member derives
// a pairwise AES-GCM key (ECDH → HKDF-SHA-256) and encrypts the room key with it. The session,
// key id and both member ids are bound in as HKDF info and AES-GCM additional data, so a share
// relayed to the wrong person, for another session or under another key id does not open.

const CURVE = { name: "ECDH", namedCurve: "P-256" } as const;
const ROOM_KEY_BYTES = 32;
const IV_BYTES = 12;

export type Identity = {
  /** Non-extractable; used only to derive pairwise wrapping keys. */
  privateKey: CryptoKey;
  /** The public key as base64url of its raw (uncompressed point) form, safe to announce. */
  publicKey: string;
};

/** LiveKit keeps a ring of keys by index; a new key takes the next index. */
export const KEY_RING_SIZE = 256;

export type RoomKey = {
  /** Public: the key's index in LiveKit's key ring (0–255), so old and new keys overlap. */
  keyId: number;
  /** The secret: 32 random bytes, handed to LiveKit's key provider. */
  material: Uint8Array<ArrayBuffer>;
};

export type WrappedRoomKey = { keyId: number; wrapped: string; iv: string };

/** Who shares with whom, bound into every wrap so a relayed share cannot be redirected. */
export type ShareContext = { sessionId: string; from: string; to: string };

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

export async function createIdentity(): Promise<Identity> {
  const pair = await crypto.subtle.generateKey(CURVE, false, ["deriveBits"]);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

/** A new random room key: after `previous` in the key ring, or at a random index. */
export function createRoomKey(previous?: RoomKey | null): RoomKey {
  const keyId = previous
    ? (previous.keyId + 1) % KEY_RING_SIZE
    : (randomBytes(1)[0] ?? 0) % KEY_RING_SIZE;
  return { keyId, material: randomBytes(ROOM_KEY_BYTES) };
}

function label(context: ShareContext, keyId: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    `piiri-e2ee-v1|${context.sessionId}|${context.from}|${context.to}|${keyId}`,
  );
}

async function pairwiseKey(
  myPrivateKey: CryptoKey,
  theirPublicKey: string,
  context: ShareContext,
  keyId: number,
  usage: "encrypt" | "decrypt",
): Promise<CryptoKey> {
  const publicKey = await crypto.subtle.importKey(
    "raw",
    fromBase64Url(theirPublicKey),
    CURVE,
    false,
    [],
  );
  const secret = await crypto.subtle.deriveBits(
    { name: "ECDH", public: publicKey },
    myPrivateKey,
    256,
  );
  const hkdf = await crypto.subtle.importKey("raw", secret, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: label(context, keyId) },
    hkdf,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

/** Encrypts the room key for one member (`context.to`, whose public key is `theirPublicKey`). */
export async function wrapRoomKey(
  roomKey: RoomKey,
  me: Identity,
  theirPublicKey: string,
  context: ShareContext,
): Promise<WrappedRoomKey> {
  const key = await pairwiseKey(me.privateKey, theirPublicKey, context, roomKey.keyId, "encrypt");
  const iv = randomBytes(IV_BYTES);
  const wrapped = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: label(context, roomKey.keyId) },
    key,
    roomKey.material,
  );
  return {
    keyId: roomKey.keyId,
    wrapped: toBase64Url(new Uint8Array(wrapped)),
    iv: toBase64Url(iv),
  };
}

/**
 * Opens a share sent to me (`context.to`) by `context.from`, whose public key is
 * `theirPublicKey`. Rejects if anything was changed on the way or it was meant for someone else.
 */
export async function unwrapRoomKey(
  share: WrappedRoomKey,
  me: Identity,
  theirPublicKey: string,
  context: ShareContext,
): Promise<RoomKey> {
  const key = await pairwiseKey(me.privateKey, theirPublicKey, context, share.keyId, "decrypt");
  const material = await crypto.subtle.decrypt(
    {
      name: "AES-GCM",
      iv: fromBase64Url(share.iv),
      additionalData: label(context, share.keyId),
    },
    key,
    fromBase64Url(share.wrapped),
  );
  if (material.byteLength !== ROOM_KEY_BYTES) throw new Error("room key has the wrong length");
  return { keyId: share.keyId, material: new Uint8Array(material) };
}

/**
 * A short code for people to compare aloud. It covers the room key and the public key of the
 * member who handed it out (as this browser saw it): the same code on every screen means
 * everyone holds the same key from the same person, and nobody in between (not even the relaying
 * server, by swapping public keys) could have opened it.
 */
export async function safetyCode(roomKey: RoomKey, holderPublicKey: string): Promise<string> {
  const input = new Uint8Array([
    ...new TextEncoder().encode(`piiri-safety-v1|${holderPublicKey}|`),
    ...roomKey.material,
  ]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  const groups: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const value = ((digest[i * 2] ?? 0) << 8) | (digest[i * 2 + 1] ?? 0);
    groups.push(String(value % 10_000).padStart(4, "0"));
  }
  return groups.join(" ");
}
