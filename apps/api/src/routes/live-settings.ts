import { Hono } from "hono";
import { isLobbyEnabled, setLobbyEnabled } from "@piiri/db/repositories/live";
import { GroupIdParam } from "@piiri/protocol/groups";
import { LiveSettings } from "@piiri/protocol/live";
import type { AppEnv, Deps } from "../http/context.ts";
import { authorizeGroup } from "../http/access.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";

/**
 * A group's live-session settings: members may read them, the supervisor changes them. (In a
 * running session the supervisor uses the socket's `live.lobby.set`, which also tells the room.)
 */
export function liveSettingsRoutes({ prisma }: Deps) {
  return new Hono<AppEnv>()
    .get("/:groupId/live-settings", validate("param", GroupIdParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroup(prisma, groupId, user.id, "group.view");
      const settings: LiveSettings = { lobbyEnabled: await isLobbyEnabled(prisma, groupId) };
      return c.json(settings, 200);
    })
    .put(
      "/:groupId/live-settings",
      validate("param", GroupIdParam),
      validate("json", LiveSettings),
      async (c) => {
        const user = requireUser(c);
        const { groupId } = c.req.valid("param");
        await authorizeGroup(prisma, groupId, user.id, "group.manageLiveSettings");
        const { lobbyEnabled } = c.req.valid("json");
        await setLobbyEnabled(prisma, groupId, lobbyEnabled);
        const settings: LiveSettings = { lobbyEnabled };
        return c.json(settings, 200);
      },
    );
}
