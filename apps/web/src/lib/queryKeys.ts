/** One place for cache keys, so a mutation in one feature can refresh another's data. */
export const queryKeys = {
  groups: ["groups"] as const,
  group: (groupId: string) => ["groups", groupId] as const,
  invitations: (groupId: string) => ["groups", groupId, "invitations"] as const,
  invitationPreview: (token: string) => ["invitation-preview", token] as const,
  session: (sessionId: string) => ["sessions", sessionId] as const,
};
