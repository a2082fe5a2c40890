import { Hono } from "hono";
import { attendanceCsv } from "@piiri/domain/attendance-csv";
import { listGroupSessionsForAttendance } from "@piiri/db/repositories/live";
import { GroupIdParam } from "@piiri/protocol/groups";
import { AttendanceCsvQuery } from "@piiri/protocol/live";
import { SessionIdParam } from "@piiri/protocol/sessions";
import type { AppEnv, Deps } from "../http/context.ts";
import { authorizeGroup, authorizeSession } from "../http/access.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import { groupAttendanceCsvRows, sessionAttendance } from "../live/attendance.ts";

const CSV_TYPE = "text/csv; charset=utf-8";

function attachment(name: string) {
  return { "content-type": CSV_TYPE, "content-disposition": `attachment; filename="${name}"` };
}

/** Supervisor-only attendance per session (JSON and CSV), for invoicing the employer. */
export function sessionAttendanceRoutes({ prisma, config, now }: Deps) {
  return new Hono<AppEnv>()
    .get("/:sessionId/attendance", validate("param", SessionIdParam), async (c) => {
      const user = requireUser(c);
      const { sessionId } = c.req.valid("param");
      const { session } = await authorizeSession(
        prisma,
        sessionId,
        user.id,
        "session.viewAttendance",
      );
      const { report } = await sessionAttendance(prisma, session, now());
      return c.json(report, 200);
    })
    .get(
      "/:sessionId/attendance.csv",
      validate("param", SessionIdParam),
      validate("query", AttendanceCsvQuery),
      async (c) => {
        const user = requireUser(c);
        const { sessionId } = c.req.valid("param");
        const { lang } = c.req.valid("query");
        const { session } = await authorizeSession(
          prisma,
          sessionId,
          user.id,
          "session.viewAttendance",
        );
        const { csvRows } = await sessionAttendance(prisma, session, now());
        const csv = attendanceCsv(csvRows, { lang, timeZone: config.timeZone });
        const day = session.startsAt.toISOString().slice(0, 10);
        const name = lang === "fi" ? `piiri-lasnaolo-${day}.csv` : `piiri-attendance-${day}.csv`;
        return c.body(csv, 200, attachment(name));
      },
    );
}

/** Supervisor-only attendance across all of a group's sessions, one file for invoicing. */
export function groupAttendanceRoutes({ prisma, config, now }: Deps) {
  return new Hono<AppEnv>().get(
    "/:groupId/attendance.csv",
    validate("param", GroupIdParam),
    validate("query", AttendanceCsvQuery),
    async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      const { lang } = c.req.valid("query");
      await authorizeGroup(prisma, groupId, user.id, "group.exportAttendance");
      const sessions = await listGroupSessionsForAttendance(prisma, groupId);
      const rows = await groupAttendanceCsvRows(prisma, groupId, sessions, now());
      const csv = attendanceCsv(rows, { lang, timeZone: config.timeZone });
      const name = lang === "fi" ? "piiri-lasnaolo.csv" : "piiri-attendance.csv";
      return c.body(csv, 200, attachment(name));
    },
  );
}
