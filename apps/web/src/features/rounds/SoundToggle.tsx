import { useTranslation } from "react-i18next";
import { BellIcon } from "./icons.tsx";
import { useSoundMuted } from "./turnSound.ts";

/** Mutes or unmutes the end-of-turn chime for this person (remembered in this browser). */
export function SoundToggle() {
  const { t } = useTranslation();
  const [muted, setMuted] = useSoundMuted();
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-pressed={!muted}
      onClick={() => setMuted(!muted)}
      title={muted ? t("rounds.sound.unmute") : t("rounds.sound.mute")}
    >
      <BellIcon off={muted} />
      {muted ? t("rounds.sound.off") : t("rounds.sound.on")}
    </button>
  );
}
