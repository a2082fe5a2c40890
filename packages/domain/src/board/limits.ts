// How big a board may grow. The server refuses anything above these with PAYLOAD_TOO_LARGE and
// writes nothing; the web app uses the same numbers to warn before sending.

/** One element as JSON (a long freehand stroke is the largest ordinary element). */
export const MAX_ELEMENT_BYTES = 64 * 1024;
/** One `board.update` / `board.template.insert` batch as JSON. */
export const MAX_BATCH_BYTES = 512 * 1024;
/** Elements a group's board may hold, tombstones included. */
export const MAX_ELEMENTS_PER_BOARD = 20_000;
/** All elements of a board as JSON, tombstones included. */
export const MAX_SCENE_BYTES = 16 * 1024 * 1024;
/** One image's data URL (Excalidraw downsizes images to 1440 px before this). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** All images of a board. */
export const MAX_FILES_BYTES = 24 * 1024 * 1024;
/** Biggest socket message the server reads: one image with room for its envelope. */
export const MAX_SOCKET_MESSAGE_BYTES = MAX_FILE_BYTES + 256 * 1024;

/** Bytes of a value as UTF-8 JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

export type SizeViolation =
  | { kind: "element"; id: string; bytes: number }
  | { kind: "batch"; bytes: number }
  | { kind: "boardElements"; count: number }
  | { kind: "boardBytes"; bytes: number };

export interface BatchSize {
  /** Bytes of each element, in order. */
  elementBytes: number[];
  total: number;
}

/** Measures a batch and names the first cap it breaks, if any. */
export function checkBatch(
  elements: readonly { id: string }[],
): { size: BatchSize; violation: SizeViolation | null } {
  const elementBytes = elements.map((element) => jsonBytes(element));
  const total = elementBytes.reduce((sum, bytes) => sum + bytes, 0);
  const size = { elementBytes, total };
  for (const [index, bytes] of elementBytes.entries()) {
    if (bytes > MAX_ELEMENT_BYTES) {
      return { size, violation: { kind: "element", id: elements[index]?.id ?? "", bytes } };
    }
  }
  if (total > MAX_BATCH_BYTES) return { size, violation: { kind: "batch", bytes: total } };
  return { size, violation: null };
}

/** Whether the board stays within its caps after a write (`after` counts what it would hold). */
export function checkBoard(after: { elements: number; bytes: number }): SizeViolation | null {
  if (after.elements > MAX_ELEMENTS_PER_BOARD) return { kind: "boardElements", count: after.elements };
  if (after.bytes > MAX_SCENE_BYTES) return { kind: "boardBytes", bytes: after.bytes };
  return null;
}

export function describeViolation(violation: SizeViolation): string {
  switch (violation.kind) {
    case "element":
      return `element ${violation.id} is ${violation.bytes} bytes; at most ${MAX_ELEMENT_BYTES}`;
    case "batch":
      return `the batch is ${violation.bytes} bytes; at most ${MAX_BATCH_BYTES}`;
    case "boardElements":
      return `the board would hold ${violation.count} elements; at most ${MAX_ELEMENTS_PER_BOARD}`;
    case "boardBytes":
      return `the board would be ${violation.bytes} bytes; at most ${MAX_SCENE_BYTES}`;
  }
}
