// The raised-hand queue: first raised, first heard.

export interface RaisedHand {
  membershipId: string;
  raisedAt: Date;
}

/**
 * The queue in the order hands went up. Ties (the same millisecond on the server's clock) are
 * broken by membership id, so every node and every client sees the same total order.
 */
export function handQueue<T extends RaisedHand>(hands: readonly T[]): T[] {
  return [...hands].sort(
    (a, b) =>
      a.raisedAt.getTime() - b.raisedAt.getTime() ||
      (a.membershipId < b.membershipId ? -1 : a.membershipId > b.membershipId ? 1 : 0),
  );
}

/** Raising an already raised hand keeps its place (a double click must not send you back). */
export function raiseHand(
  hands: readonly RaisedHand[],
  membershipId: string,
  at: Date,
): RaisedHand[] {
  if (hands.some((hand) => hand.membershipId === membershipId)) return handQueue(hands);
  return handQueue([...hands, { membershipId, raisedAt: at }]);
}

export function lowerHand(hands: readonly RaisedHand[], membershipId: string): RaisedHand[] {
  return handQueue(hands.filter((hand) => hand.membershipId !== membershipId));
}
