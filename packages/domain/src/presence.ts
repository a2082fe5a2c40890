import type { PresenceParticipant } from "@piiri/protocol/realtime";

/** One live socket connection of a member in a session. A person may have several (tabs). */
export type PresenceConnection = PresenceParticipant;

const ROLE_ORDER: Record<PresenceParticipant["role"], number> = {
  supervisor: 0,
  cosupervisor: 1,
  participant: 2,
};
const collator = new Intl.Collator("fi", { sensitivity: "base" });

/**
 * The participant list everyone in a session sees: one entry per member however many tabs
 * they have open, the supervisor first, then by name, then by id so the order is total and
 * every client renders the same list.
 */
export function rosterFromConnections(
  connections: readonly PresenceConnection[],
): PresenceParticipant[] {
  const byMember = new Map<string, PresenceParticipant>();
  for (const connection of connections) {
    if (!byMember.has(connection.membershipId)) {
      byMember.set(connection.membershipId, {
        membershipId: connection.membershipId,
        displayName: connection.displayName,
        role: connection.role,
      });
    }
  }
  return [...byMember.values()].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      collator.compare(a.displayName, b.displayName) ||
      (a.membershipId < b.membershipId ? -1 : a.membershipId > b.membershipId ? 1 : 0),
  );
}
