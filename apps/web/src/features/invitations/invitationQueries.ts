import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateInvitationBody } from "@piiri/protocol/invitations";
import type { z } from "zod";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "../../lib/api.ts";
import { authClient } from "../../lib/authClient.ts";
import { queryKeys } from "../../lib/queryKeys.ts";

export function useInvitations(groupId: string) {
  return useQuery({
    queryKey: queryKeys.invitations(groupId),
    queryFn: () => listInvitations(groupId),
  });
}

export function useCreateInvitation(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateInvitationBody>) => createInvitation(groupId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(groupId) }),
  });
}

export function useRevokeInvitation(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => revokeInvitation(groupId, invitationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(groupId) }),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: queryKeys.invitationPreview(token),
    queryFn: () => previewInvitation(token),
  });
}

/**
 * Accepting signs the person in with a cookie that better-auth's client did not set itself, so
 * the session is fetched again (awaited: the next page checks it) and cached data is dropped.
 */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  const { refetch: refetchAuthSession } = authClient.useSession();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: async (result) => {
      // Nothing changed when the person must sign in first.
      if (result.status !== "joined") return;
      queryClient.removeQueries();
      await refetchAuthSession();
    },
  });
}
