import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { PiiriServer } from "./server.ts";

/**
 * Lets several API nodes act as one socket.io server: broadcasts, rooms and `fetchSockets()`
 * (which presence is computed from) reach every node's sockets through Redis pub/sub.
 * Returns a function that disconnects both Redis clients.
 */
export async function useRedisAdapter(io: PiiriServer, url: string): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) {
    client.on("error", (error: unknown) => console.error("redis", error));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { requestsTimeout: 2000 }));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
