import { MAX_SESSION_MINUTES, MIN_SESSION_MINUTES } from "@piiri/protocol/sessions";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field.tsx";
import type { FieldErrors } from "../../lib/formValidation.ts";
import { localTimeZoneName } from "../../lib/localDateTime.ts";
import type { SessionTimeValues } from "./sessionTime.ts";

/** Date, local time and length of a session. The zone is shown so nobody has to guess it. */
export function SessionTimeFields({
  values,
  onChange,
  errors,
}: {
  values: SessionTimeValues;
  onChange: (values: SessionTimeValues) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-row">
        <TextField
          label={t("groupForm.date")}
          type="date"
          name="date"
          required
          error={errors.date}
          value={values.date}
          onChange={(e) => onChange({ ...values, date: e.target.value })}
        />
        <TextField
          label={t("groupForm.time")}
          type="time"
          name="time"
          required
          error={errors.time}
          value={values.time}
          onChange={(e) => onChange({ ...values, time: e.target.value })}
        />
        <TextField
          label={t("groupForm.duration")}
          type="number"
          name="duration"
          inputMode="numeric"
          required
          min={MIN_SESSION_MINUTES}
          max={MAX_SESSION_MINUTES}
          error={errors.duration}
          value={values.duration}
          onChange={(e) => onChange({ ...values, duration: e.target.value })}
        />
      </div>
      <p className="field-hint">
        {t("groupForm.timeZoneHint", { zone: localTimeZoneName() })} {t("groupForm.durationHint")}
      </p>
    </>
  );
}
