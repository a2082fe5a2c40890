import { describe, expect, it } from "vitest";
import { can, mediaGrantFor } from "./permissions.ts";

describe("can", () => {
  it("lets participants view and join but not manage", () => {
    expect(can("participant", "group.view")).toBe(true);
    expect(can("participant", "session.join")).toBe(true);
    expect(can("participant", "group.manageInvitations")).toBe(false);
    expect(can("participant", "group.scheduleSession")).toBe(false);
    expect(can("participant", "session.moderate")).toBe(false);
  });
  it("lets participants view and draw on the board but not manage it", () => {
    expect(can("participant", "board.view")).toBe(true);
    expect(can("participant", "board.edit")).toBe(true);
    expect(can("participant", "board.manage")).toBe(false);
    expect(can("supervisor", "board.manage")).toBe(true);
  });
  it("lets the supervisor do everything", () => {
    for (const action of [
      "group.view",
      "group.scheduleSession",
      "group.manageInvitations",
      "session.join",
      "session.moderate",
      "session.facilitate",
    ] as const) {
      expect(can("supervisor", action)).toBe(true);
    }
  });
  it("lets the co-supervisor facilitate sessions but not administer the group", () => {
    expect(can("cosupervisor", "session.facilitate")).toBe(true);
    expect(can("cosupervisor", "session.join")).toBe(true);
    expect(can("cosupervisor", "group.view")).toBe(true);
    expect(can("cosupervisor", "group.manageInvitations")).toBe(false);
    expect(can("cosupervisor", "group.scheduleSession")).toBe(false);
    expect(can("cosupervisor", "session.moderate")).toBe(false);
    expect(can("participant", "session.facilitate")).toBe(false);
  });
});

describe("mediaGrantFor", () => {
  it("gives only the supervisor room administration", () => {
    expect(mediaGrantFor("supervisor", "r").roomAdmin).toBe(true);
    expect(mediaGrantFor("participant", "r").roomAdmin).toBe(false);
  });
  it("never grants data publishing, recording or room creation", () => {
    for (const role of ["supervisor", "participant"] as const) {
      const grant = mediaGrantFor(role, "room-1");
      expect(grant).toMatchObject({
        room: "room-1",
        roomJoin: true,
        canPublishData: false,
        canUpdateOwnMetadata: false,
        roomRecord: false,
        roomCreate: false,
        roomList: false,
      });
    }
  });
});

describe("live session actions", () => {
  const live = [
    "session.bypassLobby",
    "session.admit",
    "session.lowerAnyHand",
    "session.spotlight",
    "session.muteOthers",
    "session.remove",
    "session.end",
    "session.viewAttendance",
    "group.manageLiveSettings",
    "group.exportAttendance",
  ] as const;
  it("are the supervisor's alone", () => {
    for (const action of live) {
      expect(can("supervisor", action)).toBe(true);
      expect(can("participant", action)).toBe(false);
    }
  });
});
