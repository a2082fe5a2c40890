// Live session (issue 3): lobby, hands, reactions, spotlight, supervisor controls.
// Socket messages of this feature. realtime.ts spreads `LiveRequests` into ClientRequest and
// `LiveEvents` into ServerEvent. Import only *types* from realtime.ts here (a value import
// would be a module cycle).
import type { z } from "zod";

export const LiveRequests = [] as const satisfies readonly z.ZodObject[];
export const LiveEvents = [] as const satisfies readonly z.ZodObject[];
