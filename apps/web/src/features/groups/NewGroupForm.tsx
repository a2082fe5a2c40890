import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { GroupKind } from "@piiri/protocol/groups";
import { Alert } from "../../components/Alert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { useFormValidation } from "../../lib/formValidation.ts";
import { GROUP_KINDS } from "./groupKinds.ts";
import { useCreateGroup } from "./groupQueries.ts";
import { SessionTimeFields } from "./SessionTimeFields.tsx";
import { toScheduleBody, useSessionTime } from "./sessionTime.ts";

export function NewGroupForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createGroup = useCreateGroup();
  const { errors, validate, clear } = useFormValidation();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<GroupKind>("group");
  const [time, setTime] = useSessionTime();
  const [invalidTime, setInvalidTime] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validate(event.currentTarget)) return;
    const firstSession = toScheduleBody(time);
    setInvalidTime(firstSession === null);
    if (!firstSession) return;
    createGroup.mutate(
      { name: name.trim(), kind, firstSession },
      { onSuccess: (group) => void navigate(`/groups/${group.id}`) },
    );
  }

  return (
    <section className="card" aria-labelledby="new-group-title">
      <h2 id="new-group-title">{t("groupForm.title")}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={createGroup.error} />
        {invalidTime ? <Alert tone="error">{t("groupForm.invalidDateTime")}</Alert> : null}
        <TextField
          label={t("groupForm.name")}
          hint={t("groupForm.nameHint")}
          name="name"
          required
          maxLength={120}
          autoComplete="off"
          error={errors.name}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            clear("name");
          }}
        />
        <SelectField
          label={t("groupForm.kind")}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as GroupKind)}
        >
          {GROUP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`groupKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{t("groupForm.firstSession")}</legend>
          <SessionTimeFields values={time} onChange={setTime} errors={errors} />
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={createGroup.isPending}>
            {createGroup.isPending ? t("groupForm.submitting") : t("groupForm.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
