import { useErrorMessage } from "../lib/useErrorMessage.ts";
import { Alert } from "./Alert.tsx";

/** Shows an error in the UI language; renders nothing when there is no error. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const message = useErrorMessage();
  if (error === null || error === undefined) return null;
  return (
    <Alert tone="error" {...(title ? { title } : {})}>
      <p>{message(error)}</p>
    </Alert>
  );
}
