import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  areaOf,
  insideAny,
  NO_POINTER,
  pointerStep,
  QUIET_MAX_MS,
  QUIET_MIN_MS,
  type PointerPrivacy,
  type PointerRef,
} from "./pointer.ts";

describe("anonymous areas", () => {
  const frame = { x: 100, y: 50, width: 400, height: 200 };
  it("contain the frame and a margin around it", () => {
    expect(insideAny({ x: 300, y: 100 }, [frame])).toBe(true);
    expect(insideAny({ x: 90, y: 45 }, [frame])).toBe(true);
    expect(insideAny({ x: 40, y: 100 }, [frame])).toBe(false);
    expect(insideAny({ x: 300, y: 400 }, [frame])).toBe(false);
    expect(insideAny({ x: 300, y: 100 }, [])).toBe(false);
    expect(insideAny({ x: -1e9, y: 1e9 }, "everywhere")).toBe(true);
  });
  it("are read from stored frame elements, refusing what is not a number", () => {
    expect(areaOf({ id: "f", type: "frame", ...frame })).toEqual(frame);
    expect(areaOf({ x: 500, y: 250, width: -400, height: -200 })).toEqual(frame);
    expect(areaOf({ x: "1", y: 0, width: 1, height: 1 })).toBeNull();
    expect(areaOf({ x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 1 })).toBeNull();
    expect(areaOf(null)).toBeNull();
  });
});

describe("pointerStep", () => {
  let counter = 0;
  const fresh = {
    id: () => `visit${(counter += 1)}`,
    quietMs: () => QUIET_MIN_MS,
  };

  it("hides the named cursor on entering, then sends it unnamed under a new id per visit", () => {
    let state: PointerPrivacy = NO_POINTER;
    const step = (inside: boolean, now: number) => {
      const result = pointerStep(state, inside, now, fresh);
      state = result.next;
      return result;
    };
    expect(step(false, 0)).toMatchObject({ send: { kind: "named" }, gone: null });
    expect(step(true, 100)).toMatchObject({ send: null, gone: { kind: "named" } });
    expect(step(true, 200).send).toBeNull(); // still quiet
    const first = step(true, 100 + QUIET_MIN_MS).send;
    expect(first).toMatchObject({ kind: "anonymous" });
    expect(step(false, 1000)).toMatchObject({ send: null, gone: first });
    expect(step(false, 1000 + QUIET_MIN_MS).send).toEqual({ kind: "named" });
    step(true, 2000);
    const second = step(true, 2000 + QUIET_MIN_MS).send;
    expect(second).toMatchObject({ kind: "anonymous" });
    expect(second).not.toEqual(first);
  });

  it("never sends a named cursor inside, and never reuses a visit id", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ inside: fc.boolean(), dt: fc.integer({ min: 0, max: 1500 }) }), {
          maxLength: 60,
        }),
        fc.integer({ min: QUIET_MIN_MS, max: QUIET_MAX_MS }),
        (moves, quiet) => {
          let state: PointerPrivacy = NO_POINTER;
          let now = 0;
          let shownNamed = false;
          const visits: string[] = [];
          const sentIds = new Set<string>();
          let lastVisit: string | null = null;
          for (const move of moves) {
            now += move.dt;
            const result = pointerStep(state, move.inside, now, {
              id: () => {
                const id = `v${visits.length}`;
                visits.push(id);
                return id;
              },
              quietMs: () => quiet,
            });
            const send: PointerRef | null = result.send;
            if (move.inside) expect(send?.kind).not.toBe("named");
            else expect(send?.kind).not.toBe("anonymous");
            if (send?.kind === "anonymous") {
              // Only the current visit's id, and a named cursor shown before was taken away.
              expect(send.id).toBe(visits.at(-1));
              expect(shownNamed).toBe(false);
              if (lastVisit !== send.id) expect(sentIds.has(send.id)).toBe(false);
              sentIds.add(send.id);
              lastVisit = send.id;
            }
            if (send?.kind === "named") shownNamed = true;
            if (result.gone?.kind === "named") shownNamed = false;
            state = result.next;
          }
          expect(new Set(visits).size).toBe(visits.length);
        },
      ),
    );
  });
});
