import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rosterFromConnections, type PresenceConnection } from "./presence.ts";

const sup: PresenceConnection = {
  membershipId: "00000000-0000-4000-8000-000000000001",
  displayName: "Ulla Ohjaaja",
  role: "supervisor",
};
const aino: PresenceConnection = {
  membershipId: "00000000-0000-4000-8000-000000000002",
  displayName: "Aino",
  role: "participant",
};
const oskari: PresenceConnection = {
  membershipId: "00000000-0000-4000-8000-000000000003",
  displayName: "Öhman Oskari",
  role: "participant",
};

describe("rosterFromConnections", () => {
  it("lists each member once however many tabs they have", () => {
    expect(rosterFromConnections([aino, sup, aino, aino])).toEqual([sup, aino]);
  });
  it("puts the supervisor first, then participants in Finnish alphabetical order", () => {
    const zacharias = { ...aino, membershipId: "00000000-0000-4000-8000-000000000004", displayName: "Zacharias" };
    // Finnish collation sorts Ö after Z.
    expect(rosterFromConnections([oskari, zacharias, aino, sup]).map((p) => p.displayName)).toEqual([
      "Ulla Ohjaaja",
      "Aino",
      "Zacharias",
      "Öhman Oskari",
    ]);
  });
  it("is the same list whatever order connections arrive in (property)", () => {
    const connection = fc.record({
      membershipId: fc.constantFrom("a", "b", "c", "d", "e").map((x) => `00000000-0000-4000-8000-00000000000${x}`),
      displayName: fc.constantFrom("Aino", "Eero", "aino", "Öljy", "Ville"),
      role: fc.constantFrom("supervisor" as const, "participant" as const),
    });
    fc.assert(
      fc.property(fc.array(connection, { maxLength: 30 }), (connections) => {
        // A member's name and role come from the membership, so equal ids carry equal data.
        const canonical = new Map(connections.map((c) => [c.membershipId, c]));
        const consistent = connections.map((c) => canonical.get(c.membershipId) ?? c);
        const roster = rosterFromConnections(consistent);
        const shuffled = [...consistent].reverse();
        expect(rosterFromConnections(shuffled)).toEqual(roster);
        expect(new Set(roster.map((p) => p.membershipId)).size).toBe(roster.length);
        expect(roster.length).toBe(canonical.size);
        const firstParticipant = roster.findIndex((p) => p.role === "participant");
        if (firstParticipant >= 0) {
          expect(roster.slice(firstParticipant).every((p) => p.role === "participant")).toBe(true);
        }
      }),
    );
  });
});
