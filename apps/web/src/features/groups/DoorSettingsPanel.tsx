import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { MAX_OPENS_BEFORE_MINUTES, MIN_OPENS_BEFORE_MINUTES } from "@piiri/protocol/live";
import type { LiveSettings } from "@piiri/protocol/live";
import { Alert } from "../../components/Alert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useFormValidation } from "../../lib/formValidation.ts";
import { useDoorSettings, useSaveDoorSettings } from "./doorSettings.ts";

/**
 * The supervisor decides who comes in and when: the lobby, and how many minutes before its start
 * a session opens to participants (entering it opens it at once).
 */
export function DoorSettingsPanel({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const settings = useDoorSettings(groupId);
  return (
    <section className="card stack section" aria-labelledby="door-settings-title">
      <h2 id="door-settings-title">{t("group.door.title")}</h2>
      <p className="muted">{t("group.door.intro")}</p>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <DoorSettingsForm groupId={groupId} saved={settings.data} />
      )}
    </section>
  );
}

function DoorSettingsForm({ groupId, saved }: { groupId: string; saved: LiveSettings }) {
  const { t } = useTranslation();
  const save = useSaveDoorSettings(groupId);
  const { errors, validate, clear } = useFormValidation();
  const [lobbyEnabled, setLobbyEnabled] = useState(saved.lobbyEnabled);
  const [opensBefore, setOpensBefore] = useState(String(saved.opensBeforeMinutes));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validate(event.currentTarget)) return;
    save.mutate({ lobbyEnabled, opensBeforeMinutes: Number(opensBefore) });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={save.error} />
      {save.isSuccess ? <Alert tone="success">{t("group.door.saved")}</Alert> : null}
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            name="lobbyEnabled"
            checked={lobbyEnabled}
            onChange={(e) => {
              setLobbyEnabled(e.target.checked);
              save.reset();
            }}
          />
          {t("group.door.lobby")}
        </label>
        <p className="field-hint">{t("group.door.lobbyHint")}</p>
      </div>
      <TextField
        label={t("group.door.opensBefore")}
        hint={t("group.door.opensBeforeHint")}
        type="number"
        inputMode="numeric"
        name="opensBeforeMinutes"
        required
        min={MIN_OPENS_BEFORE_MINUTES}
        max={MAX_OPENS_BEFORE_MINUTES}
        step={1}
        error={errors.opensBeforeMinutes}
        value={opensBefore}
        onChange={(e) => {
          setOpensBefore(e.target.value);
          clear("opensBeforeMinutes");
          save.reset();
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          {save.isPending ? t("group.door.saving") : t("group.door.save")}
        </button>
      </div>
    </form>
  );
}
