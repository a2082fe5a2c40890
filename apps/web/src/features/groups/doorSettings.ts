import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { LiveSettings, LiveSettingsUpdate } from "@piiri/protocol/live";
import { encodeBody, requestJson } from "../../lib/http.ts";

// The group's door settings: the lobby, and how early sessions open to participants.

const seg = encodeURIComponent;
const doorKey = (groupId: string) => ["groups", groupId, "live-settings"] as const;

export function useDoorSettings(groupId: string) {
  return useQuery({
    queryKey: doorKey(groupId),
    queryFn: () => requestJson("GET", `/groups/${seg(groupId)}/live-settings`, LiveSettings),
  });
}

export function useSaveDoorSettings(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: z.input<typeof LiveSettingsUpdate>) =>
      requestJson(
        "PUT",
        `/groups/${seg(groupId)}/live-settings`,
        LiveSettings,
        encodeBody(LiveSettingsUpdate, update),
      ),
    onSuccess: (settings) => queryClient.setQueryData(doorKey(groupId), settings),
  });
}
