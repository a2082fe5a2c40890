import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useFormValidation } from "../../lib/formValidation.ts";
import { useScheduleSession } from "./groupQueries.ts";
import { SessionTimeFields } from "./SessionTimeFields.tsx";
import { toScheduleBody, useSessionTime } from "./sessionTime.ts";

export function ScheduleSessionForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const schedule = useScheduleSession(groupId);
  const { errors, validate } = useFormValidation();
  const [time, setTime] = useSessionTime();
  const [invalidTime, setInvalidTime] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validate(event.currentTarget)) return;
    const body = toScheduleBody(time);
    setInvalidTime(body === null);
    if (body) schedule.mutate(body);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="schedule-title">
      <h3 id="schedule-title">{t("group.scheduleTitle")}</h3>
      <ErrorAlert error={schedule.error} />
      {invalidTime ? <Alert tone="error">{t("groupForm.invalidDateTime")}</Alert> : null}
      {schedule.isSuccess ? <Alert tone="success">{t("group.scheduled")}</Alert> : null}
      <SessionTimeFields
        values={time}
        onChange={(v) => {
          setTime(v);
          schedule.reset();
        }}
        errors={errors}
      />
      <div className="actions">
        <button type="submit" className="button button--secondary" disabled={schedule.isPending}>
          {schedule.isPending ? t("group.scheduleSubmitting") : t("group.scheduleSubmit")}
        </button>
      </div>
    </form>
  );
}
