import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AgendaPutBody, AgendaResponse } from "@piiri/protocol/rounds";
import type { z } from "zod";
import { encodeBody, requestJson } from "../../lib/http.ts";

// The agenda over HTTP: planning from the group page, before anyone has joined the session.
// In the session itself the same changes travel over the session socket.

const seg = encodeURIComponent;
const agendaKey = (sessionId: string) => ["sessions", sessionId, "agenda"] as const;

export function getAgenda(sessionId: string): Promise<AgendaResponse> {
  return requestJson("GET", `/sessions/${seg(sessionId)}/agenda`, AgendaResponse);
}

export function putAgenda(
  sessionId: string,
  body: z.input<typeof AgendaPutBody>,
): Promise<AgendaResponse> {
  return requestJson(
    "PUT",
    `/sessions/${seg(sessionId)}/agenda`,
    AgendaResponse,
    encodeBody(AgendaPutBody, body),
  );
}

export function useAgenda(sessionId: string) {
  return useQuery({ queryKey: agendaKey(sessionId), queryFn: () => getAgenda(sessionId) });
}

export function usePutAgenda(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof AgendaPutBody>) => putAgenda(sessionId, body),
    onSuccess: (agenda) => queryClient.setQueryData(agendaKey(sessionId), agenda),
  });
}
