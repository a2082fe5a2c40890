// A live connection ends with the sign-in it was opened with: sign-out, revocation from another
// device, and expiry (on a second Piiri whose sign-ins last four seconds unused). Real HTTP,
// real sockets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { note } from "./testing/board.ts";
import {
  connectError,
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestSocket,
} from "./testing/harness.ts";
import { eventLog, request } from "./testing/realtime.ts";
import { FIRST_SESSION, uniqueEmail } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

const SIGN_IN_SECONDS = 4;
const PASSWORD = "salasana-123";
let piiri: RunningPiiri;
let shortLived: RunningPiiri;

beforeAll(async () => {
  piiri = await startTestPiiri();
  shortLived = await startTestPiiri(testClock(), {
    env: { SIGN_IN_TTL_SECONDS: String(SIGN_IN_SECONDS) },
  });
});
afterAll(async () => {
  await piiri.close();
  await shortLived.close();
});

/** A supervisor signed in on a laptop, with a group; `signInAgain` makes another device. */
async function supervisorOnLaptop(server: RunningPiiri = piiri) {
  const email = uniqueEmail("ulla");
  const laptop = new TestPerson(server.url);
  await laptop.signUp("Ulla Ohjaaja", email, PASSWORD);
  const response = await laptop.api.groups.$post({
    json: { name: "Tiimi", kind: "group", firstSession: FIRST_SESSION },
  });
  const { group } = await response.json();
  const sessionId = group.sessions[0]?.id ?? "";
  const signInAgain = async () => {
    const device = new TestPerson(server.url);
    const signIn = await device.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    return device;
  };
  return { laptop, sessionId, signInAgain };
}

async function inSession(person: TestPerson, sessionId: string) {
  const socket = person.socket();
  const log = eventLog(socket);
  await connected(socket);
  expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
  await log.until("board.scene");
  return { socket, log };
}

function disconnectedByServer(socket: TestSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("still connected")), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The same socket client tries to come back: the server refuses it at the door. */
async function reconnectRefusal(socket: TestSocket): Promise<string> {
  const refusal = connectError(socket);
  socket.connect();
  return refusal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Sign-ups, several sockets and waiting for expiries: generous on a loaded machine.
describe("sockets end with their sign-in", { timeout: 60_000 }, () => {
  it("sign-out disconnects that sign-in's sockets at once; another device stays; the old cookie gets nothing", async () => {
    const { laptop, sessionId, signInAgain } = await supervisorOnLaptop();
    const phone = await signInAgain();
    const stale = new TestPerson(piiri.url);
    stale.adoptCookies(laptop);
    const onLaptop = await inSession(laptop, sessionId);
    const onPhone = await inSession(phone, sessionId);

    const gone = disconnectedByServer(onLaptop.socket);
    const signOut = await laptop.post("/api/auth/sign-out", {});
    expect(signOut.status).toBe(200);
    expect(await gone).toBe("io server disconnect");

    // The phone's sign-in is another one: it goes on, and no longer hears the laptop.
    const ack = await request(onPhone.socket, {
      type: "board.update",
      sessionId,
      elements: [note("from-phone")],
    });
    expect(ack).toMatchObject({ ok: true });
    expect(await reconnectRefusal(onLaptop.socket)).toBe("UNAUTHENTICATED");
    expect(await connectError(stale.socket())).toBe("UNAUTHENTICATED");
    expect((await stale.fetch(`${piiri.url}/api/groups`)).status).toBe(401);
    phone.closeSockets();
  });

  it("revoking the other sign-ins from one device disconnects their sockets", async () => {
    const { laptop, sessionId, signInAgain } = await supervisorOnLaptop();
    const phone = await signInAgain();
    const onLaptop = await inSession(laptop, sessionId);
    const onPhone = await inSession(phone, sessionId);

    const gone = disconnectedByServer(onLaptop.socket);
    const revoke = await phone.post("/api/auth/revoke-other-sessions", {});
    expect(revoke.status).toBe(200);
    expect(await gone).toBe("io server disconnect");
    expect(onPhone.socket.connected).toBe(true);
    expect(await request(onPhone.socket, { type: "session.join", sessionId })).toEqual({
      ok: true,
    });
    expect(await reconnectRefusal(onLaptop.socket)).toBe("UNAUTHENTICATED");
    phone.closeSockets();
  });

  it("a socket does not outlive its sign-in's expiry, unless the sign-in is in use and extended", async () => {
    const { laptop, sessionId } = await supervisorOnLaptop(shortLived);
    // The handshake extends the sign-in to four seconds from then.
    const openedAt = Date.now();
    const idle = await inSession(laptop, sessionId);
    expect(await disconnectedByServer(idle.socket, (SIGN_IN_SECONDS + 4) * 1000)).toBe(
      "io server disconnect",
    );
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(SIGN_IN_SECONDS * 1000 - 100);
    expect(await reconnectRefusal(idle.socket)).toBe("UNAUTHENTICATED");
    expect((await laptop.fetch(`${shortLived.url}/api/groups`)).status).toBe(401);

    // In use over HTTP, better-auth extends the sign-in, and the socket lives on with it.
    const { laptop: busy, sessionId: busySession } = await supervisorOnLaptop(shortLived);
    const kept = await inSession(busy, busySession);
    for (let second = 0; second < SIGN_IN_SECONDS + 3; second += 1) {
      await sleep(1000);
      expect((await busy.fetch(`${shortLived.url}/api/groups`)).status).toBe(200);
    }
    expect(kept.socket.connected).toBe(true);
    expect(await disconnectedByServer(kept.socket, (SIGN_IN_SECONDS + 4) * 1000)).toBe(
      "io server disconnect",
    );
  });
});
