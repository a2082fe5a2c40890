// Shared whiteboard (issue 5).
// Socket messages of this feature. realtime.ts spreads `BoardRequests` into ClientRequest and
// `BoardEvents` into ServerEvent. Import only *types* from realtime.ts here (a value import
// would be a module cycle).
import type { z } from "zod";

export const BoardRequests = [] as const satisfies readonly z.ZodObject[];
export const BoardEvents = [] as const satisfies readonly z.ZodObject[];
