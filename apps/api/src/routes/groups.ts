import { Hono } from "hono";
import { CreateGroupBody, GroupIdParam } from "@piiri/protocol/groups";
import { ScheduleSessionBody } from "@piiri/protocol/sessions";
import { createGroup, getGroupDetail, listGroupsForUser } from "@piiri/db/repositories/groups";
import { scheduleSession } from "@piiri/db/repositories/sessions";
import type { AppEnv, Deps } from "../http/context.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import { authorizeGroup } from "../http/access.ts";
import { AppError } from "../errors.ts";

export function groupRoutes({ prisma, now }: Deps) {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const user = requireUser(c);
      return c.json({ groups: await listGroupsForUser(prisma, user.id, now()) }, 200);
    })
    .post("/", validate("json", CreateGroupBody), async (c) => {
      const user = requireUser(c);
      const body = c.req.valid("json");
      const group = await createGroup(prisma, {
        supervisorUserId: user.id,
        supervisorName: user.name,
        name: body.name,
        kind: body.kind,
        firstSession: {
          startsAt: new Date(body.firstSession.startsAt),
          durationMinutes: body.firstSession.durationMinutes,
        },
      });
      return c.json({ group }, 201);
    })
    .get("/:groupId", validate("param", GroupIdParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroup(prisma, groupId, user.id, "group.view");
      const group = await getGroupDetail(prisma, groupId, user.id);
      if (!group) throw new AppError("GROUP_NOT_FOUND", "no such group");
      return c.json({ group }, 200);
    })
    .post(
      "/:groupId/sessions",
      validate("param", GroupIdParam),
      validate("json", ScheduleSessionBody),
      async (c) => {
        const user = requireUser(c);
        const { groupId } = c.req.valid("param");
        await authorizeGroup(prisma, groupId, user.id, "group.scheduleSession");
        const body = c.req.valid("json");
        const session = await scheduleSession(prisma, {
          groupId,
          startsAt: new Date(body.startsAt),
          durationMinutes: body.durationMinutes,
        });
        return c.json({ session }, 201);
      },
    );
}
