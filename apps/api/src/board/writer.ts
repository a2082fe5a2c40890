// Writes element changes to the boards. Requests that arrive while a write is under way are
// coalesced into the next one — across all groups — so the database sees a handful of statements
// per batch (board states, stored copies, one upsert), not per message. Every request's ack is
// resolved only after the batch holding its elements has committed: an acked element is durable.
//
// Correctness across API nodes does not depend on this queue: the upsert's WHERE applies the
// merge rule in the database, so a node writing an older version changes nothing, and the board
// state (locks, anonymity) is read fresh for every batch. Only the size caps use a usage figure
// cached for a few seconds (they guard against abuse; a few elements over is harmless).
import type { MemberRole } from "@piiri/protocol/groups";
import type {
  BoardElement,
  BoardElementRefusal,
  BoardFrame,
  BoardState,
  BoardUpdateAck,
} from "@piiri/protocol/board";
import { compareVersions, mergeKey, storedForm } from "@piiri/domain/board/merge";
import {
  changeRefusal,
  isAnonymous,
  withoutAuthor,
  type FrameRules,
} from "@piiri/domain/board/rules";
import { checkBoard, describeViolation, jsonBytes } from "@piiri/domain/board/limits";
import {
  boardUsages,
  getBoardStates,
  loadElementHeads,
  loadElementsByKey,
  upsertElements,
  type StoredElementHead,
  type StoredElementInput,
} from "@piiri/db/repositories/board";
import type { PrismaClient } from "@piiri/db/client";
import { AppError } from "../errors.ts";

export interface WriteOutcome extends BoardUpdateAck {
  /** The accepted elements as stored (deletions as bare tombstones, no authors where anonymous). */
  written: BoardElement[];
}

interface PendingWrite {
  groupId: string;
  role: MemberRole;
  elements: readonly BoardElement[];
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

type Input = StoredElementInput & { groupId: string };

interface Plan {
  inputs: Input[];
  refused: { id: string; code: BoardElementRefusal }[];
}

/** How long a board's usage figure is trusted before it is read again. */
const USAGE_TTL_MS = 5000;
/** Most requests in one database batch (bounds the statement size). */
const MAX_REQUESTS_PER_BATCH = 1000;

const keyOf = (groupId: string, elementId: string) => `${groupId}/${elementId}`;

export class BoardWriter {
  private pending: PendingWrite[] = [];
  private running: Promise<void> | null = null;
  private readonly usage = new Map<string, { elements: number; bytes: number; readAt: number }>();

  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Merges `elements` into the group's board as a member with `role` may. Rejects with AppError
   * BOARD_LOCKED (nothing written) or PAYLOAD_TOO_LARGE (the board would exceed its caps).
   */
  write(
    groupId: string,
    role: MemberRole,
    elements: readonly BoardElement[],
  ): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ groupId, role, elements, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Waits for every write under way. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Forget a board's cached usage (its content was deleted). */
  forget(groupId: string): void {
    this.usage.delete(groupId);
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_REQUESTS_PER_BATCH);
      try {
        await this.flush(batch);
      } catch (error) {
        batch.forEach((write) => write.reject(error));
      }
    }
    this.running = null;
  }

  private async usageOf(
    groupIds: readonly string[],
  ): Promise<Map<string, { elements: number; bytes: number }>> {
    const now = Date.now();
    const stale = groupIds.filter(
      (groupId) => (this.usage.get(groupId)?.readAt ?? -Infinity) < now - USAGE_TTL_MS,
    );
    if (stale.length > 0) {
      for (const [groupId, usage] of await boardUsages(this.prisma, stale)) {
        this.usage.set(groupId, { ...usage, readAt: now });
      }
    }
    return new Map(
      groupIds.map((groupId) => [groupId, this.usage.get(groupId) ?? { elements: 0, bytes: 0 }]),
    );
  }

  private async flush(batch: readonly PendingWrite[]): Promise<void> {
    const groupIds = [...new Set(batch.map((write) => write.groupId))];
    const keys = new Map<string, { groupId: string; elementId: string }>();
    for (const write of batch) {
      for (const element of write.elements)
        keys.set(keyOf(write.groupId, element.id), {
          groupId: write.groupId,
          elementId: element.id,
        });
    }
    const [states, stored, usages] = await Promise.all([
      getBoardStates(this.prisma, groupIds),
      loadElementHeads(this.prisma, [...keys.values()]),
      this.usageOf(groupIds),
    ]);
    const storedByKey = new Map<string, StoredElementHead>(
      stored.map((row) => [keyOf(row.groupId, row.elementId), row]),
    );
    const framesByGroup = new Map(
      [...states].map(([groupId, state]) => [groupId, framesById(state.frames)]),
    );

    // Decide per request what it may write, in arrival order (so the caps fill in that order).
    const plans: (Plan | { error: AppError })[] = [];
    const counted = new Map<string, number>();
    for (const write of batch) {
      const state: BoardState = states.get(write.groupId) ?? { locked: false, frames: [] };
      const frames = framesByGroup.get(write.groupId) ?? new Map<string, FrameRules>();
      const usage = usages.get(write.groupId) ?? { elements: 0, bytes: 0 };
      if (write.role !== "supervisor" && state.locked) {
        plans.push({ error: new AppError("BOARD_LOCKED", "the supervisor has locked the board") });
        continue;
      }
      const plan: Plan = { inputs: [], refused: [] };
      let addElements = 0;
      let addBytes = 0;
      const sizes = new Map<string, number>();
      for (const raw of write.elements) {
        const key = keyOf(write.groupId, raw.id);
        const head = storedByKey.get(key);
        const before = head ? { id: head.elementId, frameId: head.frameId } : undefined;
        if (changeRefusal(write.role, state, frames, raw, before)) {
          // The board lock was handled above, so this is a locked frame.
          plan.refused.push({ id: raw.id, code: "FRAME_LOCKED" });
          continue;
        }
        // A deletion keeps nothing of what the element said; an anonymous note names no one.
        const element: BoardElement = raw.isDeleted
          ? storedForm(raw)
          : isAnonymous(frames, raw, before)
            ? withoutAuthor(raw)
            : raw;
        const bytes = jsonBytes(element);
        const previousBytes = sizes.get(key) ?? counted.get(key) ?? head?.bytes;
        if (previousBytes === undefined) addElements += 1;
        addBytes += bytes - (previousBytes ?? 0);
        sizes.set(key, bytes);
        plan.inputs.push({
          groupId: write.groupId,
          element,
          contentKey: mergeKey(element),
          bytes,
        });
      }
      const violation = checkBoard({
        elements: usage.elements + addElements,
        bytes: usage.bytes + addBytes,
      });
      if (violation) {
        plans.push({ error: new AppError("PAYLOAD_TOO_LARGE", describeViolation(violation)) });
        continue;
      }
      usage.elements += addElements;
      usage.bytes += addBytes;
      for (const [key, bytes] of sizes) counted.set(key, bytes);
      plans.push(plan);
    }

    // One winner per element across the whole batch, then one upsert.
    const winners = new Map<string, Input>();
    for (const plan of plans) {
      if ("error" in plan) continue;
      for (const input of plan.inputs) {
        const key = keyOf(input.groupId, input.element.id);
        const current = winners.get(key);
        if (!current || compareVersions(input.element, current.element) > 0)
          winners.set(key, input);
      }
    }
    const written = await upsertElements(this.prisma, [...winners.values()]);
    const won = (input: Input) => {
      const key = keyOf(input.groupId, input.element.id);
      return winners.get(key) === input && written.has(key);
    };

    // What each request should adopt instead: the stored copy of everything it did not win.
    const lost = new Map<string, { groupId: string; elementId: string }>();
    for (const plan of plans) {
      if ("error" in plan) continue;
      for (const input of plan.inputs) {
        if (!won(input))
          lost.set(keyOf(input.groupId, input.element.id), {
            groupId: input.groupId,
            elementId: input.element.id,
          });
      }
    }
    batch.forEach((write, index) => {
      const plan = plans[index];
      if (plan && !("error" in plan)) {
        for (const refusal of plan.refused)
          lost.set(keyOf(write.groupId, refusal.id), {
            groupId: write.groupId,
            elementId: refusal.id,
          });
      }
    });
    const current = new Map(
      (await loadElementsByKey(this.prisma, [...lost.values()])).map((row) => [
        keyOf(row.groupId, row.element.id),
        storedForm(row.element),
      ]),
    );

    batch.forEach((write, index) => {
      const plan = plans[index];
      if (!plan) return;
      if ("error" in plan) {
        write.reject(plan.error);
        return;
      }
      const accepted = plan.inputs.filter(won).map((input) => input.element);
      const losers = new Set([
        ...plan.inputs.filter((input) => !won(input)).map((input) => input.element.id),
        ...plan.refused.map((refusal) => refusal.id),
      ]);
      write.resolve({
        accepted: accepted.map(({ id, version, versionNonce }) => ({ id, version, versionNonce })),
        refused: plan.refused,
        current: [...losers].flatMap((id) => current.get(keyOf(write.groupId, id)) ?? []),
        written: accepted,
      });
    });
  }
}

export function framesById(frames: readonly BoardFrame[]): Map<string, FrameRules> {
  return new Map(frames.map((frame) => [frame.frameId, frame]));
}
