import type { ReactNode } from "react";
import type { ClientRequest } from "@piiri/protocol/realtime";

const TONES = {
  primary: "button button--small",
  secondary: "button button--secondary button--small",
  danger: "button button--danger button--small",
} as const;

/** One facilitator control: sends its command, and waits while another command is under way. */
export function CommandButton({
  command,
  run,
  busy,
  tone = "secondary",
  label,
  children,
}: {
  command: ClientRequest;
  run: (message: ClientRequest) => Promise<unknown>;
  busy: boolean;
  tone?: keyof typeof TONES;
  /** An accessible name when the visible text alone is too short. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={TONES[tone]}
      disabled={busy}
      aria-label={label}
      onClick={() => void run(command)}
    >
      {children}
    </button>
  );
}
