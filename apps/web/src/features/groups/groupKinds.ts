import { GroupKind } from "@piiri/protocol/groups";

/** In the order a supervisor thinks of them: individual work first, facilitation last. */
export const GROUP_KINDS = GroupKind.options;
