import type { Messages } from "../fi.ts";

// English texts of the "live" feature; same shape as fi/live.ts.
export const live: Messages["live"] = {};
