import {
  isTrackReference,
  ParticipantTile,
  useTrackRefContext,
  VideoTrack,
} from "@livekit/components-react";
import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";

/** Display names by LiveKit identity (membership id), from Piiri's presence list. */
export const NamesContext = createContext<ReadonlyMap<string, string>>(new Map());

/** Marks shown on tiles: who is spotlighted for everyone, and who is "listening". */
export const TileMarksContext = createContext<{
  spotlight: string | null;
  listening: ReadonlySet<string>;
}>({ spotlight: null, listening: new Set() });

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

/** One camera tile, named from Piiri's presence list: LiveKit only knows opaque identities. */
export function NamedTile() {
  const { t } = useTranslation();
  const trackRef = useTrackRefContext();
  const names = useContext(NamesContext);
  const marks = useContext(TileMarksContext);
  const participant = trackRef.participant;
  const name = names.get(participant.identity) ?? t("video.unknownParticipant");
  const label = participant.isLocal ? `${name} ${t("session.you")}` : name;
  const hasVideo = isTrackReference(trackRef) && !trackRef.publication.isMuted;
  const spotlighted = marks.spotlight === participant.identity;
  const listening = marks.listening.has(participant.identity);
  return (
    <ParticipantTile
      trackRef={trackRef}
      data-spotlight={spotlighted ? "true" : undefined}
      data-listening={listening ? "true" : undefined}
    >
      {hasVideo ? (
        <VideoTrack trackRef={trackRef} />
      ) : (
        <div className="video-tile__placeholder" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      <span className="video-tile__name">
        {spotlighted ? <span aria-hidden="true">★ </span> : null}
        {label}
        {listening ? <span className="video-tile__mark"> · {t("live.room.listening")}</span> : null}
      </span>
    </ParticipantTile>
  );
}
