import { sortTrackReferences } from "@livekit/components-core";
import {
  TrackLoop,
  useGridLayout,
  useSwipe,
  useVisualStableUpdate,
  type TrackReferenceOrPlaceholder,
} from "@livekit/components-react";
import { useCallback, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { pinFirst } from "./trackOrder.ts";

/**
 * LiveKit's GridLayout, with two changes: the `pinned` people (the round's speaker or the
 * spotlighted person, then the supervisors) always sit on the first page, and the page controls
 * are Piiri's own, in the page's language and in the flow below the tiles, so they never cover the
 * microphone and camera buttons (LiveKit's float over whatever is beneath the grid).
 *
 * The order is LiveKit's own (yourself, screen shares, who speaks, cameras on, who came first)
 * with the pinned people moved ahead; LiveKit's visual-stability update then keeps tiles from
 * jumping while each page holds exactly the tiles that order puts on it.
 */
export function VideoGrid({
  tracks,
  pinned,
  children,
}: {
  tracks: TrackReferenceOrPlaceholder[];
  pinned: readonly string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const grid = useRef<HTMLDivElement>(null);
  // LiveKit's hooks are typed for React 18's RefObject; the element is the same.
  const gridRef = grid as RefObject<HTMLDivElement>;
  const { layout } = useGridLayout(gridRef, tracks.length);
  const order = useCallback(
    (refs: TrackReferenceOrPlaceholder[]) => pinFirst(sortTrackReferences(refs), pinned),
    [pinned],
  );
  const ordered = useVisualStableUpdate(tracks, layout.maxTiles, { customSortFunction: order });
  const perPage = Math.max(1, layout.maxTiles);
  const pageCount = Math.max(1, Math.ceil(ordered.length / perPage));
  const [wanted, setPage] = useState(1);
  const page = Math.min(wanted, pageCount);
  const previous = () => setPage(Math.max(1, page - 1));
  const next = () => setPage(Math.min(pageCount, page + 1));
  useSwipe(gridRef, { onLeftSwipe: next, onRightSwipe: previous });

  return (
    <div className="video-grid">
      <div ref={grid} className="lk-grid-layout" data-lk-pagination={pageCount > 1}>
        <TrackLoop tracks={ordered.slice((page - 1) * perPage, page * perPage)}>
          {children}
        </TrackLoop>
      </div>
      {pageCount > 1 ? (
        <nav className="video-grid__pages" aria-label={t("video.pages")}>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={previous}
            disabled={page === 1}
            aria-label={t("video.previousPage")}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <span className="video-grid__page" data-testid="video-grid-page">
            {t("video.pageOf", { page, count: pageCount })}
          </span>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={next}
            disabled={page === pageCount}
            aria-label={t("video.nextPage")}
          >
            <span aria-hidden="true">›</span>
          </button>
        </nav>
      ) : null}
    </div>
  );
}
