// Writes element changes to a group's board. Requests for one group that arrive while a write is
// under way are coalesced into the next write (one SQL upsert for all of them), so a busy board
// costs one database round trip per batch, not per message. Every request's ack is resolved only
// after the batch that holds its elements has committed: an acked element is durable.
//
// Correctness across API nodes does not depend on this queue: the upsert's WHERE applies the
// merge rule in the database, so a node writing an older version changes nothing.
import type { MemberRole } from "@piiri/protocol/groups";
import type { BoardElement, BoardElementRefusal, BoardFrame, BoardUpdateAck } from "@piiri/protocol/board";
import { compareVersions, contentKey } from "@piiri/domain/board/merge";
import { changeRefusal, isAnonymous, withoutAuthor, type FrameRules } from "@piiri/domain/board/rules";
import { checkBoard, describeViolation, jsonBytes } from "@piiri/domain/board/limits";
import {
  boardUsage,
  getBoardState,
  loadElements,
  upsertElements,
  type StoredElementInput,
} from "@piiri/db/repositories/board";
import type { PrismaClient } from "@piiri/db/client";
import { AppError } from "../errors.ts";

export interface WriteOutcome extends BoardUpdateAck {
  /** The accepted elements as stored (authors stripped where the frame is anonymous). */
  written: BoardElement[];
}

interface PendingWrite {
  role: MemberRole;
  elements: readonly BoardElement[];
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

interface GroupQueue {
  pending: PendingWrite[];
  running: Promise<void> | null;
}

export class BoardWriter {
  private readonly queues = new Map<string, GroupQueue>();

  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Merges `elements` into the group's board as a member with `role` may. Throws AppError
   * BOARD_LOCKED (nothing written) or PAYLOAD_TOO_LARGE (the board would exceed its caps).
   */
  write(groupId: string, role: MemberRole, elements: readonly BoardElement[]): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(groupId);
      if (!queue) {
        queue = { pending: [], running: null };
        this.queues.set(groupId, queue);
      }
      queue.pending.push({ role, elements, resolve, reject });
      if (!queue.running) queue.running = this.drain(groupId, queue);
    });
  }

  /** Waits for every write under way. */
  async idle(): Promise<void> {
    const running = [...this.queues.values()].flatMap((queue) => (queue.running ? [queue.running] : []));
    await Promise.all(running);
  }

  private async drain(groupId: string, queue: GroupQueue): Promise<void> {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0);
      try {
        await this.flush(groupId, batch);
      } catch (error) {
        batch.forEach((write) => write.reject(error));
      }
    }
    queue.running = null;
    if (this.queues.get(groupId) === queue) this.queues.delete(groupId);
  }

  private async flush(groupId: string, batch: readonly PendingWrite[]): Promise<void> {
    const ids = [...new Set(batch.flatMap((write) => write.elements.map((element) => element.id)))];
    const [state, stored, usage] = await Promise.all([
      getBoardState(this.prisma, groupId),
      loadElements(this.prisma, groupId, ids),
      boardUsage(this.prisma, groupId),
    ]);
    const frames = framesById(state.frames);
    const storedById = new Map(stored.map((row) => [row.element.id, row]));

    // Decide per request what it may write, in arrival order (so the caps fill in that order).
    const plans: (Plan | { error: AppError })[] = [];
    let elementsAfter = usage.elements;
    let bytesAfter = usage.bytes;
    const counted = new Map<string, number>();
    for (const write of batch) {
      if (write.role !== "supervisor" && state.locked) {
        plans.push({ error: new AppError("BOARD_LOCKED", "the supervisor has locked the board") });
        continue;
      }
      const plan: Plan = { inputs: [], refused: [] };
      let addElements = 0;
      let addBytes = 0;
      for (const raw of write.elements) {
        const before = storedById.get(raw.id)?.element;
        const refusal = changeRefusal(write.role, state, frames, raw, before);
        if (refusal) {
          // The board lock was handled above, so this is a locked frame.
          plan.refused.push({ id: raw.id, code: "FRAME_LOCKED" });
          continue;
        }
        const element = isAnonymous(frames, raw, before) ? withoutAuthor(raw) : raw;
        const bytes = jsonBytes(element);
        const previousBytes = counted.get(element.id) ?? storedById.get(element.id)?.bytes;
        if (previousBytes === undefined) addElements += 1;
        addBytes += bytes - (previousBytes ?? 0);
        plan.inputs.push({ element, contentKey: contentKey(element), bytes });
      }
      const violation = checkBoard({ elements: elementsAfter + addElements, bytes: bytesAfter + addBytes });
      if (violation) {
        plans.push({ error: new AppError("PAYLOAD_TOO_LARGE", describeViolation(violation)) });
        continue;
      }
      elementsAfter += addElements;
      bytesAfter += addBytes;
      for (const input of plan.inputs) counted.set(input.element.id, input.bytes);
      plans.push(plan);
    }

    // One winner per id across the whole batch, then one upsert.
    const winners = new Map<string, StoredElementInput>();
    for (const plan of plans) {
      if ("error" in plan) continue;
      for (const input of plan.inputs) {
        const current = winners.get(input.element.id);
        if (!current || compareVersions(input.element, current.element) > 0) winners.set(input.element.id, input);
      }
    }
    const written = await upsertElements(this.prisma, groupId, [...winners.values()]);

    // What each request should adopt instead: the stored copy of everything it did not win.
    const lost = new Set<string>();
    for (const plan of plans) {
      if ("error" in plan) continue;
      for (const input of plan.inputs) if (!isWinner(input, winners, written)) lost.add(input.element.id);
      for (const refusal of plan.refused) lost.add(refusal.id);
    }
    const current = new Map(
      (await loadElements(this.prisma, groupId, [...lost])).map((row) => [row.element.id, row.element]),
    );

    batch.forEach((write, index) => {
      const plan = plans[index];
      if (!plan) return;
      if ("error" in plan) {
        write.reject(plan.error);
        return;
      }
      const accepted = plan.inputs.filter((input) => isWinner(input, winners, written)).map((input) => input.element);
      const losers = new Set([
        ...plan.inputs.filter((input) => !isWinner(input, winners, written)).map((input) => input.element.id),
        ...plan.refused.map((refusal) => refusal.id),
      ]);
      write.resolve({
        accepted: accepted.map(({ id, version, versionNonce }) => ({ id, version, versionNonce })),
        refused: plan.refused,
        current: [...losers].flatMap((id) => {
          const element = current.get(id);
          return element ? [element] : [];
        }),
        written: accepted,
      });
    });
  }
}

interface Plan {
  inputs: StoredElementInput[];
  refused: { id: string; code: BoardElementRefusal }[];
}

function isWinner(
  input: StoredElementInput,
  winners: ReadonlyMap<string, StoredElementInput>,
  written: ReadonlySet<string>,
): boolean {
  return winners.get(input.element.id) === input && written.has(input.element.id);
}

export function framesById(frames: readonly BoardFrame[]): Map<string, FrameRules> {
  return new Map(frames.map((frame) => [frame.frameId, frame]));
}
