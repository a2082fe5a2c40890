import { isApiError } from "../../lib/apiError.ts";
import type { UnavailableReason } from "./InvitationUnavailable.tsx";

/** The accept and preview endpoints answer these codes when an invitation cannot be used. */
export function unavailableReasonOf(error: unknown): UnavailableReason | null {
  if (!isApiError(error)) return null;
  switch (error.code) {
    case "INVITATION_EXPIRED":
      return "expired";
    case "INVITATION_REVOKED":
      return "revoked";
    case "INVITATION_USED_UP":
      return "used_up";
    case "INVITATION_NOT_FOUND":
      return "not_found";
    default:
      return error.status === 404 ? "not_found" : null;
  }
}
