import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { Alert } from "../../components/Alert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { signIn } from "./authActions.ts";
import { useAuthForm } from "./useAuthForm.ts";

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("auth.signInTitle"));
  const {
    requestedNext,
    next,
    alreadySignedIn,
    mutation,
    onSubmit: submitWith,
    errors,
    clear,
  } = useAuthForm(signIn);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  if (alreadySignedIn) return <Navigate to={next} replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    submitWith(event, () => ({ email: email.trim(), password }));
  }

  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("auth.signInTitle")}</h1>
        <p>{t("auth.signInIntro")}</p>
      </div>
      <div className="card">
        <form className="form" onSubmit={onSubmit} noValidate>
          {requestedNext ? <Alert tone="info">{t("auth.signInRequired")}</Alert> : null}
          <ErrorAlert error={mutation.error} />
          <TextField
            label={t("auth.email")}
            type="email"
            name="email"
            autoComplete="email"
            required
            error={errors.email}
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              clear("email");
            }}
          />
          <TextField
            label={t("auth.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            error={errors.password}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              clear("password");
            }}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? t("auth.submittingSignIn") : t("auth.submitSignIn")}
            </button>
          </div>
        </form>
      </div>
      <p className="muted below-card">
        {t("auth.noAccount")}{" "}
        <Link to={requestedNext ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>
          {t("auth.toSignUp")}
        </Link>
      </p>
    </div>
  );
}
