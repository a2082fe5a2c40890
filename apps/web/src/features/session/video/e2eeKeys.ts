import { BaseKeyProvider, createKeyMaterialFromBuffer } from "livekit-client";
import { KEY_RING_SIZE, type RoomKey } from "../e2ee/roomKey.ts";

/**
 * LiveKit's key provider fed with Piiri's room keys. Like LiveKit's ExternalE2EEKeyProvider (one
 * shared key, no auto-ratchet), but each key goes to its own index in the key ring, so frames
 * sent with the previous key still decrypt while a new key spreads after a rotation.
 */
export class RoomKeyProvider extends BaseKeyProvider {
  constructor() {
    super({
      sharedKey: true,
      ratchetWindowSize: 0,
      failureTolerance: -1,
      keyringSize: KEY_RING_SIZE,
    });
  }

  async setRoomKey(key: RoomKey): Promise<void> {
    const material = await createKeyMaterialFromBuffer(key.material.buffer);
    this.onSetEncryptionKey(material, undefined, key.keyId);
  }
}
