// The server side of the agenda and rounds: applies the pure state machine
// (@piiri/domain/agenda) to the state stored in the database, broadcasts every change, and keeps
// one timer per session for the next automatic turn change.
//
// Several API nodes: the database row is the authority. Every change is a compare-and-swap on
// its version (a node that loses the race reloads and applies again), so a command or an
// automatic advance is applied exactly once even when two nodes' timers fire together. The node
// that made a change schedules the next deadline; every node also sweeps the table for overdue
// deadlines, so a deadline is met even if the node that scheduled it went away.
import { randomUUID } from "node:crypto";
import {
  apply,
  initialAgendaState,
  nextDeadline,
  tick,
  type AgendaCommand,
  type ApplyResult,
} from "@piiri/domain/agenda";
import { spotlightOf } from "@piiri/domain/agenda-views";
import {
  agendasWithDeadlines,
  compareAndSetAgenda,
  loadAgenda,
  type StoredAgenda,
} from "@piiri/db/repositories/agendas";
import type { AgendaState, AgendaStateEvent } from "@piiri/protocol/rounds";
import { AppError } from "../errors.ts";
import type { Deps } from "../http/context.ts";
import type { PiiriServer } from "../realtime/server.ts";
import { sessionRoom } from "../realtime/presence.ts";

/** How often each node looks for deadlines nobody has met (another node went away). */
const SWEEP_INTERVAL_MS = 2_000;
/** Compare-and-swap attempts before a command is refused as AGENDA_BUSY. */
const MAX_ATTEMPTS = 8;
/** Sessions whose last written state this node remembers (a bound, not a tuning knob). */
const MAX_CACHED = 10_000;

type Step = AgendaCommand | "tick";

export class AgendaService {
  private io: PiiriServer | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * The state this node last wrote per session. Only a first guess that saves a read: the
   * compare-and-swap refuses it if another node has written since, and we reload.
   */
  private readonly written = new Map<string, StoredAgenda>();
  private sweeper: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: Deps) {}

  /** Starts broadcasting through `io` and resumes every stored deadline (after a restart). */
  async start(io: PiiriServer): Promise<void> {
    this.io = io;
    await this.sweep(true);
    this.sweeper = setInterval(() => void this.sweep(false), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.queues.values()]);
  }

  private now(): number {
    return this.deps.now().getTime();
  }

  /** The stored state (caught up with time, not written), or a fresh agenda at version 0. */
  async current(sessionId: string): Promise<StoredAgenda & { serverNow: number }> {
    const stored = (await loadAgenda(this.deps.prisma, sessionId)) ?? {
      state: initialAgendaState(),
      version: 0,
    };
    const serverNow = this.now();
    return { state: tick(stored.state, serverNow), version: stored.version, serverNow };
  }

  /** The snapshot event for this session now. */
  async snapshot(sessionId: string): Promise<AgendaStateEvent> {
    const { state, version, serverNow } = await this.current(sessionId);
    return event(sessionId, state, version, serverNow);
  }

  /**
   * Applies a command (or a tick) to the stored state, stores it, broadcasts it. Throws AppError
   * with the domain's code when the command is refused. Commands for one session run one at a
   * time on this node; across nodes the version check decides.
   */
  run(sessionId: string, step: Step): Promise<StoredAgenda> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runNow(sessionId, step));
    this.queues.set(sessionId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(sessionId) === next) this.queues.delete(sessionId);
      });
    return next;
  }

  private async runNow(sessionId: string, step: Step): Promise<StoredAgenda> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const guess = attempt === 0 ? this.written.get(sessionId) : undefined;
      const stored = guess ??
        (await loadAgenda(this.deps.prisma, sessionId)) ?? {
          state: initialAgendaState(),
          version: 0,
        };
      const now = this.now();
      const result: ApplyResult =
        step === "tick" ? { state: tick(stored.state, now) } : apply(stored.state, step, now);
      if (result.error) {
        // Refuse only on the database's state, never on a remembered one that may be stale.
        if (guess) continue;
        throw new AppError(result.error.code, result.error.message);
      }
      if (result.state === stored.state) {
        // A remembered state may be stale: confirm "nothing to do" against the database.
        if (guess) continue;
        this.schedule(sessionId, nextDeadline(stored.state));
        return stored;
      }
      const deadline = nextDeadline(result.state);
      const stored_ = await compareAndSetAgenda(this.deps.prisma, {
        sessionId,
        expectedVersion: stored.version,
        state: result.state,
        nextDeadlineAt: deadline === null ? null : new Date(deadline),
      });
      if (!stored_) {
        this.written.delete(sessionId);
        continue;
      }
      const version = stored.version + 1;
      if (this.written.size >= MAX_CACHED) this.written.clear();
      this.written.set(sessionId, { state: result.state, version });
      this.broadcast(sessionId, result.state, version);
      this.schedule(sessionId, deadline);
      return { state: result.state, version };
    }
    throw new AppError("AGENDA_BUSY", "the agenda is changing too fast; try again");
  }

  private broadcast(sessionId: string, state: AgendaState, version: number): void {
    this.io?.to(sessionRoom(sessionId)).emit("event", event(sessionId, state, version, this.now()));
  }

  /** One timer per session, at its next deadline (none when nothing will change by itself). */
  private schedule(sessionId: string, deadline: number | null): void {
    const existing = this.timers.get(sessionId);
    if (existing) clearTimeout(existing);
    this.timers.delete(sessionId);
    if (deadline === null || this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(sessionId);
        this.run(sessionId, "tick").catch((error: unknown) => {
          console.error("agenda tick failed", error);
        });
      },
      Math.max(0, deadline - this.now()),
    );
    this.timers.set(sessionId, timer);
  }

  /** At start: schedule every stored deadline. Later: tick deadlines that are overdue. */
  private async sweep(all: boolean): Promise<void> {
    if (this.closed) return;
    try {
      const now = this.now();
      for (const { sessionId, nextDeadlineAt } of await agendasWithDeadlines(this.deps.prisma)) {
        const deadline = nextDeadlineAt.getTime();
        if (all) this.schedule(sessionId, deadline);
        else if (deadline < now - SWEEP_INTERVAL_MS / 2 && !this.queues.has(sessionId)) {
          void this.run(sessionId, "tick").catch((error: unknown) => {
            console.error("agenda sweep failed", error);
          });
        }
      }
    } catch (error) {
      if (!this.closed) console.error("agenda sweep failed", error);
    }
  }
}

function event(
  sessionId: string,
  state: AgendaState,
  version: number,
  serverNow: number,
): AgendaStateEvent {
  return {
    type: "agenda.state",
    sessionId,
    version,
    serverNow,
    state,
    spotlight: spotlightOf(state),
  };
}

const services = new WeakMap<Deps, AgendaService>();

/** The one agenda service of a running Piiri (shared by its HTTP routes and its sockets). */
export function agendaServiceFor(deps: Deps): AgendaService {
  let service = services.get(deps);
  if (!service) {
    service = new AgendaService(deps);
    services.set(deps, service);
  }
  return service;
}

export { randomUUID as newAgendaId };
