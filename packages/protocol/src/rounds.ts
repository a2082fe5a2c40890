// Agenda and timed rounds (issue 4).
// Socket messages of this feature. realtime.ts spreads `RoundRequests` into ClientRequest and
// `RoundEvents` into ServerEvent. Import only *types* from realtime.ts here (a value import
// would be a module cycle).
import type { z } from "zod";

export const RoundRequests = [] as const satisfies readonly z.ZodObject[];
export const RoundEvents = [] as const satisfies readonly z.ZodObject[];
