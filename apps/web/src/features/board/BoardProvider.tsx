// Light (in the session page's own chunk): keeps the board's state for the whole session, so the
// scene the server sends on join is there when someone opens the lazily loaded canvas.
import {
  createContext,
  use,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { useSessionConnection, useSessionEvents } from "../session/SessionConnection.tsx";
import { BoardStore, type BoardSnapshotView } from "./sync/boardStore.ts";

const BoardStoreContext = createContext<BoardStore | null>(null);

export function BoardProvider({ children }: { children: ReactNode }) {
  const { sessionId, request, presence } = useSessionConnection();
  const [store] = useState(() => new BoardStore(sessionId, request));
  useEffect(() => () => store.dispose(), [store]);
  useSessionEvents((event) => store.handleEvent(event));

  const joined = presence.status === "joined";
  useEffect(() => store.setConnected(joined), [store, joined]);
  const present = useMemo(
    () => new Set(presence.participants.map((participant) => participant.membershipId)),
    [presence.participants],
  );
  useEffect(() => store.keepPointersOf(present), [store, present]);
  useEffect(() => {
    const timer = setInterval(() => store.expireIdlePointers(), 1_000);
    return () => clearInterval(timer);
  }, [store]);

  return <BoardStoreContext value={store}>{children}</BoardStoreContext>;
}

export function useBoardStore(): BoardStore {
  const store = use(BoardStoreContext);
  if (!store) throw new Error("useBoardStore outside BoardProvider");
  return store;
}

export function useBoardView(): BoardSnapshotView {
  const store = useBoardStore();
  return useSyncExternalStore(store.subscribeView, store.getView);
}
