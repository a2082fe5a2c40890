import { Hono } from "hono";
import { SessionIdParam } from "@piiri/protocol/sessions";
import { AgendaPutBody, MAX_PHASES, type AgendaResponse } from "@piiri/protocol/rounds";
import type { AppEnv, Deps } from "../http/context.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import { authorizeSession, authorizeSessionContent } from "../http/access.ts";
import { agendaServiceFor, newAgendaId } from "../rounds/agenda-service.ts";
import { checkedPhases } from "../realtime/rounds.ts";

/**
 * The agenda over HTTP, so the supervisor can plan it from the group page before the session
 * (the socket works only inside a joined session). Changes are broadcast to the session's room.
 */
export function agendaRoutes(deps: Deps) {
  const service = agendaServiceFor(deps);
  return new Hono<AppEnv>()
    .get("/:sessionId/agenda", validate("param", SessionIdParam), async (c) => {
      const user = requireUser(c);
      const { sessionId } = c.req.valid("param");
      await authorizeSessionContent(deps, sessionId, user.id, "session.join");
      const { state, version, serverNow } = await service.current(sessionId);
      const body: AgendaResponse = { sessionId, version, serverNow, state };
      return c.json(body, 200);
    })
    .put(
      "/:sessionId/agenda",
      validate("param", SessionIdParam),
      validate("json", AgendaPutBody),
      async (c) => {
        const user = requireUser(c);
        const { sessionId } = c.req.valid("param");
        await authorizeSession(deps.prisma, sessionId, user.id, "session.facilitate");
        const body = c.req.valid("json");
        const { state, version } = await service.run(
          sessionId,
          "template" in body
            ? {
                type: "agenda.applyTemplate",
                template: body.template,
                ids: Array.from({ length: MAX_PHASES }, () => newAgendaId()),
              }
            : { type: "agenda.set", phases: await checkedPhases(deps, sessionId, body.phases) },
        );
        const response: AgendaResponse = {
          sessionId,
          version,
          serverNow: deps.now().getTime(),
          state,
        };
        return c.json(response, 200);
      },
    );
}
