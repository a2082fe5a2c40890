import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { InvitableRole } from "@piiri/protocol/invitations";
import { useFormValidation } from "../../lib/formValidation.ts";
import { CreatedInvitationLink } from "./CreatedInvitationLink.tsx";
import { useCreateInvitation } from "./invitationQueries.ts";

export function invitationUrl(origin: string, token: string): string {
  return `${origin}/invite/${token}`;
}

export function CreateInvitationForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const create = useCreateInvitation(groupId);
  const { errors, validate, clear } = useFormValidation();
  const [label, setLabel] = useState("");
  const [maxUses, setMaxUses] = useState("1");
  const [expiresInDays, setExpiresInDays] = useState("7");
  const [role, setRole] = useState<InvitableRole>("participant");
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validate(event.currentTarget)) return;
    setCreatedUrl(null);
    const trimmed = label.trim();
    create.mutate(
      {
        ...(trimmed ? { label: trimmed } : {}),
        maxUses: Number(maxUses),
        expiresInDays: Number(expiresInDays),
        role,
      },
      {
        onSuccess: ({ token }) => {
          setCreatedUrl(invitationUrl(window.location.origin, token));
          setLabel("");
        },
      },
    );
  }

  return (
    <div className="stack">
      <form
        className="form"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="create-invitation-title"
      >
        <h3 id="create-invitation-title">{t("invitations.createTitle")}</h3>
        <ErrorAlert error={create.error} />
        <TextField
          label={t("invitations.label")}
          hint={t("invitations.labelHint")}
          optional
          name="label"
          maxLength={80}
          autoComplete="off"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <SelectField
          label={t("invitations.role")}
          hint={t("invitations.roleHint")}
          name="role"
          value={role}
          onChange={(e) => setRole(InvitableRole.parse(e.target.value))}
        >
          {InvitableRole.options.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </SelectField>
        <div className="form-row form-row--wide">
          <TextField
            label={t("invitations.maxUses")}
            hint={t("invitations.maxUsesHint")}
            type="number"
            inputMode="numeric"
            name="maxUses"
            required
            min={1}
            max={50}
            error={errors.maxUses}
            value={maxUses}
            onChange={(e) => {
              setMaxUses(e.target.value);
              clear("maxUses");
            }}
          />
          <TextField
            label={t("invitations.expiresInDays")}
            hint={t("invitations.expiresInDaysHint")}
            type="number"
            inputMode="numeric"
            name="expiresInDays"
            required
            min={1}
            max={30}
            error={errors.expiresInDays}
            value={expiresInDays}
            onChange={(e) => {
              setExpiresInDays(e.target.value);
              clear("expiresInDays");
            }}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("invitations.creating") : t("invitations.create")}
          </button>
        </div>
      </form>
      {createdUrl ? (
        <CreatedInvitationLink url={createdUrl} onDismiss={() => setCreatedUrl(null)} />
      ) : null}
    </div>
  );
}
