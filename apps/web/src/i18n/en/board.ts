import type { Messages } from "../fi.ts";

// English texts of the "board" feature; same shape as fi/board.ts.
export const board: Messages["board"] = {};
