// How big each socket message was on the wire, known before anything looks inside it.
// socket.io's parser turns a frame into a packet; this decoder notes the frame's length against
// the payload object it produced, so the request gate can weigh and cap a message before zod
// (or anything else) walks it.
import { Decoder, Encoder } from "socket.io-parser";
import { MAX_BATCH_BYTES, MAX_SOCKET_MESSAGE_BYTES } from "@piiri/domain/board/limits";

const sizes = new WeakMap<object, number>();

/** Frame length of the message that carried `payload`; undefined if the decoder never saw it. */
export function rawSizeOf(payload: unknown): number | undefined {
  if (typeof payload === "string") return payload.length;
  if (typeof payload !== "object" || payload === null) return 0;
  return sizes.get(payload);
}

class MeasuringDecoder extends Decoder {
  private frameLength = 0;

  constructor(...args: ConstructorParameters<typeof Decoder>) {
    super(...args);
    // Registered before socket.io's own listener, so the size is noted before any handler runs.
    this.on("decoded", (packet: { data?: unknown }) => {
      if (!Array.isArray(packet.data)) return;
      for (const arg of packet.data as unknown[]) {
        if (typeof arg === "object" && arg !== null) sizes.set(arg, this.frameLength);
      }
    });
  }

  override add(chunk: unknown): void {
    this.frameLength =
      typeof chunk === "string"
        ? chunk.length
        : chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk)
          ? chunk.byteLength
          : 0;
    super.add(chunk);
  }
}

/** socket.io's default parser with sizes noted (`new Server({ parser })`). */
export const measuringParser = { Encoder, Decoder: MeasuringDecoder };

/** Room for a message's envelope (type, session id, …) around its payload. */
const ENVELOPE_BYTES = 16 * 1024;
/** Everything that is not a board batch or an image is small (an agenda of 40 phases ~ 20 KB). */
const DEFAULT_MAX_BYTES = 32 * 1024;
const MAX_BYTES_BY_TYPE: Readonly<Record<string, number>> = {
  "board.update": MAX_BATCH_BYTES + ENVELOPE_BYTES,
  "board.template.insert": MAX_BATCH_BYTES + ENVELOPE_BYTES,
  "board.file.add": MAX_SOCKET_MESSAGE_BYTES,
};

/** The largest raw message a request of this type may be. */
export function maxMessageBytes(type: unknown): number {
  return (typeof type === "string" ? MAX_BYTES_BY_TYPE[type] : undefined) ?? DEFAULT_MAX_BYTES;
}
