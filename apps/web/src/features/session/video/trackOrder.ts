/**
 * Puts the tracks of the `first` people ahead of everyone else, in that order (e.g. the round's
 * speaker, then the supervisor), and keeps the order of the rest. The grid pages through tracks
 * in this order, so the first people are always on its first page.
 */
export function pinFirst<T extends { participant: { identity: string } }>(
  tracks: readonly T[],
  first: readonly string[],
): T[] {
  const rank = new Map<string, number>();
  for (const identity of first) if (!rank.has(identity)) rank.set(identity, rank.size);
  const pinned = tracks
    .map((track, index) => ({ track, index, rank: rank.get(track.participant.identity) }))
    .filter((entry): entry is { track: T; index: number; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.track);
  const rest = tracks.filter((track) => !rank.has(track.participant.identity));
  return [...pinned, ...rest];
}
