import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createGroup, getGroup, listGroups, scheduleSession } from "../../lib/api.ts";
import { queryKeys } from "../../lib/queryKeys.ts";

export function useGroups() {
  return useQuery({ queryKey: queryKeys.groups, queryFn: listGroups });
}

export function useGroup(groupId: string) {
  return useQuery({ queryKey: queryKeys.group(groupId), queryFn: () => getGroup(groupId) });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createGroup,
    onSuccess: async (group) => {
      queryClient.setQueryData(queryKeys.group(group.id), group);
      await queryClient.invalidateQueries({ queryKey: queryKeys.groups, exact: true });
    },
  });
}

export function useScheduleSession(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { startsAt: string; durationMinutes: number }) =>
      scheduleSession(groupId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.group(groupId) }),
  });
}
