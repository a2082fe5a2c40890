import type { ReactNode } from "react";

type Tone = "error" | "success" | "info" | "warning";

/** Errors are announced at once (role=alert); the rest politely (role=status). */
export function Alert({
  tone,
  title,
  children,
}: {
  tone: Tone;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {title ? <strong>{title}</strong> : null}
      {children}
    </div>
  );
}
