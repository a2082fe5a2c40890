import type { Messages } from "../fi.ts";

// English texts of the "rounds" feature; same shape as fi/rounds.ts.
export const rounds: Messages["rounds"] = {};
