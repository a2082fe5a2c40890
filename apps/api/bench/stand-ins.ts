// Benches that let one simulated person stand in for one person in each of many sessions (so
// thousands of sockets need only a dozen sign-ups) give that person the budget of that many
// people at the request gate; everything else keeps Piiri's defaults.
import type { GateLimits } from "@piiri/domain/request-gate";
import { DEFAULT_GATE_LIMITS } from "../src/realtime/request-gate.ts";

export function gateLimitsForStandIns(sessions: number): GateLimits {
  const { perUser } = DEFAULT_GATE_LIMITS;
  return {
    ...DEFAULT_GATE_LIMITS,
    perUser: {
      burst: perUser.burst * sessions,
      perSecond: perUser.perSecond * sessions,
      bytesBurst: perUser.bytesBurst * sessions,
      bytesPerSecond: perUser.bytesPerSecond * sessions,
    },
  };
}
