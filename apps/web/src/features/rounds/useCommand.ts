import { useCallback, useState } from "react";
import type { ClientRequest } from "@piiri/protocol/realtime";
import type { ApiError } from "../../lib/apiError.ts";

/**
 * Sends facilitator commands one at a time: `busy` while one is under way, `error` holds the
 * last refusal (cleared by the next success). `run` resolves with that refusal or null.
 */
export function useCommand(send: (message: ClientRequest) => Promise<ApiError | null>) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (message: ClientRequest) => {
      setBusy(true);
      const failure = await send(message);
      setError(failure);
      setBusy(false);
      return failure;
    },
    [send],
  );
  return { run, busy, error };
}
