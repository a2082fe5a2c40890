import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { handQueue, lowerHand, raiseHand, type RaisedHand } from "./live-hands.ts";

const ids = ["a", "b", "c", "d", "e"];
const op = fc.record({
  kind: fc.constantFrom("raise" as const, "lower" as const),
  who: fc.constantFrom(...ids),
  advance: fc.integer({ min: 0, max: 3 }),
});

describe("hand queue", () => {
  it("orders by raising time and keeps a re-raised hand's place", () => {
    let hands: RaisedHand[] = [];
    hands = raiseHand(hands, "b", new Date(1000));
    hands = raiseHand(hands, "a", new Date(2000));
    hands = raiseHand(hands, "b", new Date(3000));
    expect(hands.map((h) => h.membershipId)).toEqual(["b", "a"]);
    hands = lowerHand(hands, "b");
    hands = raiseHand(hands, "b", new Date(4000));
    expect(hands.map((h) => h.membershipId)).toEqual(["a", "b"]);
  });
  it("is the same whatever order the rows come in (every node and client agree)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 }),
        (who, times) => {
          const hands = who.map((id, i) => ({
            membershipId: id,
            raisedAt: new Date(times[i] ?? 0),
          }));
          const once = handQueue(hands).map((h) => h.membershipId);
          expect(handQueue([...hands].reverse()).map((h) => h.membershipId)).toEqual(once);
        },
      ),
    );
  });
  it("under any interleaving: each member at most once, in the order of their latest raise", () => {
    fc.assert(
      fc.property(fc.array(op), (ops) => {
        let hands: RaisedHand[] = [];
        let now = 0;
        const raisedSince = new Map<string, number>();
        for (const { kind, who, advance } of ops) {
          now += advance;
          if (kind === "raise") {
            hands = raiseHand(hands, who, new Date(now));
            if (!raisedSince.has(who)) raisedSince.set(who, now);
          } else {
            hands = lowerHand(hands, who);
            raisedSince.delete(who);
          }
        }
        const order = hands.map((h) => h.membershipId);
        expect(new Set(order).size).toBe(order.length);
        const expected = [...raisedSince.entries()]
          .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
          .map(([id]) => id);
        expect(order).toEqual(expected);
      }),
    );
  });
});
