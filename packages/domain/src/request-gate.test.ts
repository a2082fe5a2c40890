import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { admit, newBudget, newSocketGate, type GateLimits } from "./request-gate.ts";

const limits: GateLimits = {
  perSocket: { burst: 20, perSecond: 10, bytesBurst: 10_000, bytesPerSecond: 5_000 },
  perUser: { burst: 40, perSecond: 20, bytesBurst: 20_000, bytesPerSecond: 10_000 },
  strikes: { max: 5, windowMs: 10_000 },
};
const small = { cost: 1, bytes: 100 };

describe("request gate", () => {
  it("lets a burst through, refuses the flood after it, and cuts the socket off after enough refusals", () => {
    const socket = newSocketGate(limits, 0);
    const user = newBudget(limits.perUser, 0);
    const verdicts = Array.from({ length: 30 }, () => admit(socket, user, small, limits, 0));
    expect(verdicts.slice(0, 20).every((verdict) => verdict === "pass")).toBe(true);
    expect(verdicts.slice(20, 24)).toEqual(["refuse", "refuse", "refuse", "refuse"]);
    expect(verdicts[24]).toBe("disconnect");
  });

  it("refills with time: a client at its steady rate is never refused", () => {
    const socket = newSocketGate(limits, 0);
    const user = newBudget(limits.perUser, 0);
    for (let t = 0; t < 60_000; t += 100) {
      expect(admit(socket, user, small, limits, t)).toBe("pass");
    }
  });

  it("weighs requests by cost and by bytes", () => {
    const socket = newSocketGate(limits, 0);
    const user = newBudget(limits.perUser, 0);
    expect(admit(socket, user, { cost: 10, bytes: 10 }, limits, 0)).toBe("pass");
    expect(admit(socket, user, { cost: 10, bytes: 10 }, limits, 0)).toBe("pass");
    expect(admit(socket, user, { cost: 10, bytes: 10 }, limits, 0)).toBe("refuse");
    const fresh = newSocketGate(limits, 0);
    expect(admit(fresh, user, { cost: 1, bytes: 10_001 }, limits, 0)).toBe("refuse");
  });

  it("a refused request takes nothing from either budget", () => {
    const socket = newSocketGate(limits, 0);
    const user = newBudget(limits.perUser, 0);
    for (let i = 0; i < 20; i++) admit(socket, user, small, limits, 0);
    expect(admit(socket, user, small, limits, 0)).toBe("refuse");
    expect(user.requests.tokens).toBe(20);
  });

  it("a user's sockets share one budget: more sockets never mean more than the user's rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.integer({ min: 0, max: 50 })), { maxLength: 400 }),
        (socketCount, sends) => {
          const user = newBudget(limits.perUser, 0);
          const sockets = Array.from({ length: socketCount }, () => newSocketGate(limits, 0));
          let now = 0;
          let passed = 0;
          for (const [which, gap] of sends) {
            now += gap;
            const socket = sockets[which % socketCount];
            if (socket && admit(socket, user, small, limits, now) === "pass") passed += 1;
          }
          const bound = limits.perUser.burst + (limits.perUser.perSecond * now) / 1000;
          expect(passed).toBeLessThanOrEqual(Math.floor(bound) + 1);
        },
      ),
    );
  });

  it("one socket never passes more than its own budget over any run", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 500 }), (gaps) => {
        const socket = newSocketGate(limits, 0);
        const user = newBudget({ ...limits.perUser, burst: 1e9, perSecond: 1e9 }, 0);
        let now = 0;
        let passed = 0;
        for (const gap of gaps) {
          now += gap;
          if (admit(socket, user, small, limits, now) === "pass") passed += 1;
        }
        expect(passed).toBeLessThanOrEqual(
          Math.floor(limits.perSocket.burst + (limits.perSocket.perSecond * now) / 1000) + 1,
        );
      }),
    );
  });
});
