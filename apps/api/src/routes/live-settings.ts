import { Hono } from "hono";
import { readDoorSettings, updateDoorSettings } from "@piiri/db/repositories/live";
import { GroupIdParam } from "@piiri/protocol/groups";
import { LiveSettingsUpdate, type LiveSettings } from "@piiri/protocol/live";
import type { AppEnv, Deps } from "../http/context.ts";
import { authorizeGroup } from "../http/access.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";

/**
 * A group's door settings: the lobby, and how many minutes before its start a session opens to
 * participants. Members may read them, the supervisor changes them (one or both at a time). (In
 * a running session the supervisor uses the socket's `live.lobby.set`, which also tells the room.)
 */
export function liveSettingsRoutes({ prisma }: Deps) {
  return new Hono<AppEnv>()
    .get("/:groupId/live-settings", validate("param", GroupIdParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroup(prisma, groupId, user.id, "group.view");
      const settings: LiveSettings = await readDoorSettings(prisma, groupId);
      return c.json(settings, 200);
    })
    .put(
      "/:groupId/live-settings",
      validate("param", GroupIdParam),
      validate("json", LiveSettingsUpdate),
      async (c) => {
        const user = requireUser(c);
        const { groupId } = c.req.valid("param");
        await authorizeGroup(prisma, groupId, user.id, "group.manageLiveSettings");
        const settings: LiveSettings = await updateDoorSettings(
          prisma,
          groupId,
          c.req.valid("json"),
        );
        return c.json(settings, 200);
      },
    );
}
