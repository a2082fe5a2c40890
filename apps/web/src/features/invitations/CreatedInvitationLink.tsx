import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert.tsx";

type CopyState = "idle" | "copied" | "failed";

/**
 * The invitation link, shown once: the raw token lives only in this component's props and is
 * gone when the supervisor presses "Done" or leaves the page.
 */
export function CreatedInvitationLink({ url, onDismiss }: { url: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<CopyState>("idle");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [url]);

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopy("copied");
    } catch {
      inputRef.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div className="created-link alert alert--info">
      <h3 ref={headingRef} tabIndex={-1}>
        {t("invitations.createdTitle")}
      </h3>
      <p>{t("invitations.createdOnce")}</p>
      <label htmlFor="created-invitation-url" className="visually-hidden">
        {t("invitations.linkLabel")}
      </label>
      <div className="created-link__row">
        <input
          id="created-invitation-url"
          ref={inputRef}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="invitation-url"
        />
        <button type="button" className="button" onClick={() => void copyLink()}>
          {t("invitations.copy")}
        </button>
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          {t("invitations.dismiss")}
        </button>
      </div>
      {copy === "copied" ? <Alert tone="success">{t("invitations.copied")}</Alert> : null}
      {copy === "failed" ? <Alert tone="warning">{t("invitations.copyFailed")}</Alert> : null}
    </div>
  );
}
