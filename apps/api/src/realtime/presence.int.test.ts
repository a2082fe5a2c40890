import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, ServerEvent } from "@piiri/protocol/realtime";
import { presenceOf, request } from "../testing/realtime.ts";
import { connected, connectError, startTestPiiri, TestPerson } from "../testing/harness.ts";
import {
  acceptAsNewcomer,
  invite,
  setLobby,
  supervisorWithGroup,
  uniqueEmail,
} from "../testing/scenario.ts";
import type { RunningPiiri } from "../server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

async function groupOfThree() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  // The lobby has its own tests (live.int.test.ts); here everyone walks straight in.
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, "Aino");
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  return { supervisor, aino, eero, group, sessionId };
}

describe("session presence over socket.io", () => {
  it("shows every member who joins, with roles, to everyone, and drops those who leave or close", async () => {
    const { supervisor, aino, eero, sessionId } = await groupOfThree();
    const supSocket = supervisor.socket();
    const supView = presenceOf(supSocket, sessionId);
    await connected(supSocket);
    expect(await request(supSocket, { type: "session.join", sessionId })).toEqual({ ok: true });
    await supView.until((names) => names.length === 1);

    const ainoSocket = aino.socket();
    const ainoView = presenceOf(ainoSocket, sessionId);
    await connected(ainoSocket);
    await request(ainoSocket, { type: "session.join", sessionId });
    const eeroSocket = eero.socket();
    const eeroView = presenceOf(eeroSocket, sessionId);
    await connected(eeroSocket);
    await request(eeroSocket, { type: "session.join", sessionId });

    const everyone = ["Ulla Ohjaaja:supervisor", "Aino:participant", "Eero:participant"];
    for (const view of [supView, ainoView, eeroView]) {
      expect(await view.until((names) => names.length === 3)).toEqual(everyone);
    }

    // A second tab of the same person does not duplicate them.
    const ainoTab2 = aino.socket();
    await connected(ainoTab2);
    await request(ainoTab2, { type: "session.join", sessionId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(supView.names()).toEqual(everyone);

    // Leaving explicitly…
    expect(await request(eeroSocket, { type: "session.leave", sessionId })).toEqual({ ok: true });
    await supView.until((names) => !names.includes("Eero:participant"));
    // …and closing one of two tabs keeps the person; closing both drops them.
    ainoSocket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(supView.names()).toContain("Aino:participant");
    ainoTab2.disconnect();
    expect(await supView.until((names) => names.length === 1)).toEqual(["Ulla Ohjaaja:supervisor"]);
    supervisor.closeSockets();
  });

  it("refuses a non-member and a member of another group, who then see nothing", async () => {
    const { sessionId } = await groupOfThree();
    const other = await supervisorWithGroup(piiri, "Other Supervisor");
    const outsider = new TestPerson(piiri.url);
    await outsider.signUp("Outsider", uniqueEmail("outsider"));

    for (const person of [outsider, other.supervisor]) {
      const socket = person.socket();
      const events: ServerEvent[] = [];
      socket.on("event", (event) => events.push(event));
      await connected(socket);
      expect(await request(socket, { type: "session.join", sessionId })).toMatchObject({
        ok: false,
        code: "NOT_A_MEMBER",
      });
      expect(events).toEqual([]);
      person.closeSockets();
    }
    const socket = outsider.socket();
    await connected(socket);
    expect(
      await request(socket, {
        type: "session.join",
        sessionId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toMatchObject({ ok: false, code: "SESSION_NOT_FOUND" });
    outsider.closeSockets();
  });

  it("refuses a connection without a session, with the wrong protocol version, or from another origin", async () => {
    const anonymous = new TestPerson(piiri.url);
    expect(await connectError(anonymous.socket())).toBe("UNAUTHENTICATED");

    const member = new TestPerson(piiri.url);
    await member.signUp("Member", uniqueEmail("member"));
    expect(await connectError(member.socket({ protocolVersion: 999 }))).toBe("PROTOCOL_MISMATCH");
    const foreign = await connectError(member.socket({ origin: "https://evil.example" })).catch(
      (error: unknown) => String(error),
    );
    expect(foreign).not.toBe("connected");
    member.closeSockets();
    anonymous.closeSockets();
  });

  it("answers bad messages and unknown events with error acks and keeps serving", async () => {
    const { supervisor, sessionId } = await groupOfThree();
    const socket = supervisor.socket();
    await connected(socket);
    expect(await request(socket, { type: "session.explode", sessionId })).toMatchObject({
      ok: false,
      code: "INVALID_MESSAGE",
    });
    expect(await request(socket, { type: "session.join", sessionId: "not-a-uuid" })).toMatchObject({
      ok: false,
      code: "INVALID_MESSAGE",
    });
    expect(await request(socket, "garbage")).toMatchObject({ ok: false, code: "INVALID_MESSAGE" });
    const unknown = await new Promise<Ack>((resolve) =>
      (socket as unknown as { emit: (e: string, p: unknown, a: (r: Ack) => void) => void }).emit(
        "round.hijack",
        {},
        resolve,
      ),
    );
    expect(unknown).toMatchObject({ ok: false, code: "UNKNOWN_EVENT" });
    // Still connected and still serving.
    expect(socket.connected).toBe(true);
    expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
    supervisor.closeSockets();
  });
});
