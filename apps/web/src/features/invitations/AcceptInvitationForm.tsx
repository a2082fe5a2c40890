import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "../../components/Alert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { authClient } from "../../lib/authClient.ts";
import { useFormValidation } from "../../lib/formValidation.ts";
import { useAcceptInvitation } from "./invitationQueries.ts";
import { unavailableReasonOf } from "./unavailableReason.ts";

export function AcceptInvitationForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: auth } = authClient.useSession();
  const accept = useAcceptInvitation();
  const { errors, validate, clear } = useFormValidation();
  // null = untouched, so a session that loads after the first render still fills the form.
  const [displayName, setDisplayName] = useState<string | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  const nameValue = displayName ?? auth?.user.name ?? "";
  const emailValue = email ?? auth?.user.email ?? "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validate(event.currentTarget)) return;
    accept.mutate(
      { token, displayName: nameValue.trim(), email: emailValue.trim() },
      {
        onSuccess: (result) => {
          if (result.status === "joined")
            void navigate(`/groups/${result.groupId}`, { replace: true });
        },
      },
    );
  }

  const unavailable = unavailableReasonOf(accept.error);
  const signInRequired = accept.data?.status === "signInRequired";
  const joined = accept.data?.status === "joined";

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby="accept-intro">
      <p id="accept-intro">{t("invite.formIntro")}</p>
      {unavailable ? (
        <Alert tone="warning">
          <p>{t(`invite.unavailable.${unavailable}`)}</p>
        </Alert>
      ) : signInRequired ? (
        <Alert tone="warning">
          <p>{t("invite.signInRequired")}</p>
          <p>
            <Link to={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}>
              {t("invite.signInThenReturn")}
            </Link>
          </p>
          <p>{t("invite.signInRequiredHelp")}</p>
        </Alert>
      ) : (
        <ErrorAlert error={accept.error} />
      )}
      <TextField
        label={t("invite.displayName")}
        name="displayName"
        autoComplete="name"
        required
        maxLength={80}
        error={errors.displayName}
        value={nameValue}
        onChange={(e) => {
          setDisplayName(e.target.value);
          clear("displayName");
        }}
      />
      <TextField
        label={t("invite.email")}
        type="email"
        name="email"
        autoComplete="email"
        required
        maxLength={254}
        error={errors.email}
        value={emailValue}
        onChange={(e) => {
          setEmail(e.target.value);
          clear("email");
        }}
      />
      <p className="field-hint">{t("invite.privacy")}</p>
      <div className="actions">
        <button type="submit" className="button" disabled={accept.isPending || joined}>
          {accept.isPending || joined ? t("invite.accepting") : t("invite.accept")}
        </button>
      </div>
    </form>
  );
}
