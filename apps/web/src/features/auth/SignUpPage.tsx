import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { signUp } from "./authActions.ts";
import { useAuthForm } from "./useAuthForm.ts";

const MIN_PASSWORD_LENGTH = 10;

export function SignUpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("auth.signUpTitle"));
  const {
    requestedNext,
    next,
    alreadySignedIn,
    mutation,
    onSubmit: submitWith,
    errors,
    clear,
  } = useAuthForm(signUp);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  if (alreadySignedIn) return <Navigate to={next} replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    submitWith(event, () => ({ name: name.trim(), email: email.trim(), password }));
  }

  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("auth.signUpTitle")}</h1>
        <p>{t("auth.signUpIntro")}</p>
      </div>
      <div className="card">
        <form className="form" onSubmit={onSubmit} noValidate>
          <ErrorAlert error={mutation.error} />
          <TextField
            label={t("auth.name")}
            name="name"
            autoComplete="name"
            required
            maxLength={80}
            error={errors.name}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              clear("name");
            }}
          />
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
            hint={t("auth.passwordHint")}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            error={errors.password}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              clear("password");
            }}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? t("auth.submittingSignUp") : t("auth.submitSignUp")}
            </button>
          </div>
        </form>
      </div>
      <p className="muted below-card">
        {t("auth.haveAccount")}{" "}
        <Link to={requestedNext ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>
          {t("auth.toSignIn")}
        </Link>
      </p>
    </div>
  );
}
