// Where a board's anonymous frames are, for deciding per live cursor whether it goes out named.
// Cursors arrive up to 25 times a second per person, so each node keeps each board's areas for a
// moment and shares one database read among the cursors waiting for it. The copy is forgotten
// whenever this node, or another one (through the cluster), changes a frame or its anonymity;
// the short lifetime bounds anything missed.
import { anonymousFrameElements } from "@piiri/db/repositories/board";
import type { PrismaClient } from "@piiri/db/client";
import { areaOf, type Area } from "@piiri/domain/board/pointer";

/** How long a board's areas are used before they are read again. */
const AREAS_TTL_MS = 1000;

type Areas = readonly Area[] | "everywhere";

interface Entry {
  readAt: number;
  areas: Promise<Areas>;
}

export class AnonymousAreas {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = () => Date.now(),
  ) {}

  of(groupId: string): Promise<Areas> {
    const now = this.now();
    const entry = this.entries.get(groupId);
    if (entry && now - entry.readAt < AREAS_TTL_MS) return entry.areas;
    const areas = this.read(groupId);
    this.entries.set(groupId, { readAt: now, areas });
    // A failed read is not kept: the next cursor tries again.
    areas.catch(() => {
      if (this.entries.get(groupId)?.areas === areas) this.entries.delete(groupId);
    });
    return areas;
  }

  forget(groupId: string): void {
    this.entries.delete(groupId);
  }

  private async read(groupId: string): Promise<Areas> {
    const elements = await anonymousFrameElements(this.prisma, groupId);
    const areas = elements.map(areaOf);
    // An anonymous frame whose place cannot be read hides every cursor: privacy first.
    if (areas.some((area) => area === null)) return "everywhere";
    return areas.filter((area): area is Area => area !== null);
  }
}
