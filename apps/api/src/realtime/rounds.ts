// Agenda and timed rounds over the session socket (issue 4). Every request is validated by the
// protocol schemas before it gets here; each handler checks that the socket is in the session
// and that its role may facilitate (supervisor, co-supervisor). Time comes from the server only.
import { randomInt } from "node:crypto";
import { can } from "@piiri/domain/permissions";
import { rosterFromConnections } from "@piiri/domain/presence";
import type { AgendaCommand } from "@piiri/domain/agenda";
import { membersOfSessionGroup } from "@piiri/db/repositories/agendas";
import type { AgendaPhase, AgendaPhaseInput, RoundRequestType } from "@piiri/protocol/rounds";
import { MAX_PHASES } from "@piiri/protocol/rounds";
import { AppError } from "../errors.ts";
import type { Deps } from "../http/context.ts";
import { agendaServiceFor, newAgendaId, type AgendaService } from "../rounds/agenda-service.ts";
import type { RealtimeContext, RealtimeFeature, RequestHandler } from "./feature.ts";
import { membersInSession, requireInSession, sessionRoom } from "./presence.ts";
import type { PiiriServer, PiiriSocket } from "./server.ts";

/**
 * A member whose last socket dropped is skipped only after this long: a page reload or a short
 * network break must not cost someone their turn.
 */
export const LEAVE_GRACE_MS = 1_500;

type SessionScoped = Exclude<RoundRequestType, "clock.sync">;

export function roundsFeature({ io, deps }: RealtimeContext): RealtimeFeature<RoundRequestType> {
  const service = agendaServiceFor(deps);
  const started = service.start(io);
  const leaving = new Set<NodeJS.Timeout>();
  // A node shutting down disconnects every socket after the features closed: that is not
  // people leaving, and a late timer must not write to a database another node now serves.
  let closing = false;

  /** Authorizes a facilitator's command and runs it. */
  const facilitate = <T extends SessionScoped>(
    toCommand: (
      request: Parameters<RequestHandler<T>>[1],
      socket: PiiriSocket,
    ) => Promise<AgendaCommand> | AgendaCommand,
  ): RequestHandler<T> => {
    return async (socket, request) => {
      // Every request of this feature except clock.sync names its session.
      const { sessionId } = request as { sessionId: string };
      const connection = requireInSession(socket, sessionId);
      if (!can(connection.role, "session.facilitate")) {
        throw new AppError(
          "NOT_SUPERVISOR",
          "only the supervisor or co-supervisor runs the agenda",
        );
      }
      await started;
      const command = await toCommand(request, socket);
      const { version } = await service.run(sessionId, command);
      return { ok: true, version };
    };
  };

  return {
    handlers: {
      "clock.sync": () => Promise.resolve({ ok: true, serverNow: deps.now().getTime() }),
      "agenda.set": facilitate<"agenda.set">(async (request) => ({
        type: "agenda.set",
        phases: await checkedPhases(deps, request.sessionId, request.phases),
      })),
      "agenda.applyTemplate": facilitate<"agenda.applyTemplate">((request) => ({
        type: "agenda.applyTemplate",
        template: request.template,
        ids: Array.from({ length: MAX_PHASES }, () => newAgendaId()),
      })),
      "agenda.startPhase": facilitate<"agenda.startPhase">((request) => ({
        type: "agenda.startPhase",
        phaseId: request.phaseId,
      })),
      "agenda.nextPhase": facilitate<"agenda.nextPhase">(() => ({ type: "agenda.nextPhase" })),
      "agenda.extendPhase": facilitate<"agenda.extendPhase">((request) => ({
        type: "agenda.extendPhase",
        ms: request.seconds * 1000,
      })),
      "agenda.pause": facilitate<"agenda.pause">(() => ({ type: "agenda.pause" })),
      "agenda.resume": facilitate<"agenda.resume">(() => ({ type: "agenda.resume" })),
      "agenda.end": facilitate<"agenda.end">(() => ({ type: "agenda.end" })),
      "round.start": facilitate<"round.start">(async (request) => {
        const present = await membersInSession(io, request.sessionId);
        let speakers;
        if (request.participants) {
          const members = new Map(
            (await membersOfSessionGroup(deps.prisma, request.sessionId)).map((m) => [
              m.membershipId,
              m,
            ]),
          );
          speakers = request.participants.map((id) => {
            const member = members.get(id);
            if (!member)
              throw new AppError("VALIDATION_FAILED", "a participant is not in this group");
            return { membershipId: id, displayName: member.displayName, present: present.has(id) };
          });
        } else {
          speakers = (await presentParticipants(io, request.sessionId)).map((p) => ({
            membershipId: p.membershipId,
            displayName: p.displayName,
            present: true,
          }));
        }
        return {
          type: "round.start",
          roundId: newAgendaId(),
          speakers,
          order: request.order,
          seed: randomInt(0, 2 ** 32 - 1),
          turnMs: request.turnSeconds * 1000,
          autoAdvance: request.autoAdvance,
          addLateJoiners: request.addLateJoiners,
        };
      }),
      "round.next": facilitate<"round.next">(() => ({ type: "round.next" })),
      "round.skip": facilitate<"round.skip">(() => ({ type: "round.skip" })),
      "round.back": facilitate<"round.back">(() => ({ type: "round.back" })),
      "round.extend": facilitate<"round.extend">((request) => ({
        type: "round.extend",
        ms: request.seconds * 1000,
      })),
      "round.add": facilitate<"round.add">(async (request) => {
        const member = (await membersOfSessionGroup(deps.prisma, request.sessionId)).find(
          (m) => m.membershipId === request.membershipId,
        );
        if (!member) throw new AppError("VALIDATION_FAILED", "not a member of this group");
        const present = await membersInSession(io, request.sessionId);
        return {
          type: "round.add",
          speaker: {
            membershipId: member.membershipId,
            displayName: member.displayName,
            present: present.has(member.membershipId),
          },
        };
      }),
      "round.end": facilitate<"round.end">(() => ({ type: "round.end" })),
      // Anyone in the session may ask; the state machine lets only the current speaker pass.
      "round.pass": async (socket, request) => {
        const connection = requireInSession(socket, request.sessionId);
        await started;
        const { version } = await service.run(request.sessionId, {
          type: "round.pass",
          membershipId: connection.membershipId,
        });
        return { ok: true, version };
      },
    },

    async onJoin(socket, sessionId) {
      await started;
      const connection = socket.data.presence[sessionId];
      if (connection) {
        const { state } = await service.current(sessionId);
        // Only rounds care who is here; don't write a row for sessions without one.
        if (state.round) {
          await service.run(sessionId, {
            type: "member.joined",
            membershipId: connection.membershipId,
            displayName: connection.displayName,
            lateJoiner: connection.role === "participant",
          });
        }
      }
      if (socket.connected) socket.emit("event", await service.snapshot(sessionId));
    },

    onLeave(sessionId, membershipId) {
      if (closing) return Promise.resolve();
      const timer = setTimeout(() => {
        leaving.delete(timer);
        void memberLeft(io, service, sessionId, membershipId).catch((error: unknown) => {
          console.error("agenda leave failed", error);
        });
      }, LEAVE_GRACE_MS);
      leaving.add(timer);
      return Promise.resolve();
    },

    async close() {
      closing = true;
      for (const timer of leaving) clearTimeout(timer);
      leaving.clear();
      await started.catch(() => undefined);
      await service.close();
    },
  };
}

async function memberLeft(
  io: PiiriServer,
  service: AgendaService,
  sessionId: string,
  membershipId: string,
): Promise<void> {
  if ((await membersInSession(io, sessionId)).has(membershipId)) return;
  const { state } = await service.current(sessionId);
  if (!state.round?.speakers.some((s) => s.membershipId === membershipId && s.present)) return;
  await service.run(sessionId, { type: "member.left", membershipId });
}

/** The participants (not supervisors) in the session now, in the participant list's order. */
async function presentParticipants(io: PiiriServer, sessionId: string) {
  const sockets = await io.in(sessionRoom(sessionId)).fetchSockets();
  const connections = sockets.flatMap((socket) => {
    const connection = socket.data.presence[sessionId];
    return connection ? [connection] : [];
  });
  return rosterFromConnections(connections).filter((p) => p.role === "participant");
}

/** Gives new phases ids and checks that every presenter is a member of the session's group. */
export async function checkedPhases(
  deps: Deps,
  sessionId: string,
  phases: readonly AgendaPhaseInput[],
): Promise<AgendaPhase[]> {
  const presenters = phases.flatMap((phase) => (phase.presenterId ? [phase.presenterId] : []));
  if (presenters.length > 0) {
    const members = new Set(
      (await membersOfSessionGroup(deps.prisma, sessionId)).map((m) => m.membershipId),
    );
    if (presenters.some((id) => !members.has(id))) {
      throw new AppError("VALIDATION_FAILED", "a presenter is not a member of this group");
    }
  }
  return phases.map((phase) => ({ ...phase, id: phase.id ?? newAgendaId() }));
}
