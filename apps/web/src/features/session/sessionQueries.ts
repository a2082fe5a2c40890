import { useQuery } from "@tanstack/react-query";
import { getSession } from "../../lib/api.ts";
import { queryKeys } from "../../lib/queryKeys.ts";

export function useSessionDetail(sessionId: string) {
  return useQuery({ queryKey: queryKeys.session(sessionId), queryFn: () => getSession(sessionId) });
}
