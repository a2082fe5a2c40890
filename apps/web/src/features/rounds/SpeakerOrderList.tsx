import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ArrowIcon, GripIcon } from "./icons.tsx";

export interface OrderEntry {
  membershipId: string;
  displayName: string;
  included: boolean;
}

/**
 * The speaking order the supervisor arranges before a round: drag a row (mouse, touch, or the
 * keyboard: Space to pick up, arrows to move, Space to drop) or use the move buttons, and tick
 * who is in the round. dnd-kit gives the keyboard sensor and the screen-reader announcements,
 * which are translated here.
 */
export function SpeakerOrderList({
  entries,
  onChange,
  sortable,
}: {
  entries: OrderEntry[];
  onChange: (entries: OrderEntry[]) => void;
  /** Whether the order may be changed (the "own order" mode); ticking works either way. */
  sortable: boolean;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = entries.map((e) => e.membershipId);
  const nameOf = useMemo(
    () => new Map(entries.map((e) => [e.membershipId, e.displayName])),
    [entries],
  );
  const name = (id: UniqueIdentifier) => nameOf.get(String(id)) ?? "";
  const position = (id: UniqueIdentifier | undefined) =>
    id === undefined ? 0 : ids.indexOf(String(id)) + 1;

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t("rounds.order.dragStart", { name: name(active.id), position: position(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t("rounds.order.dragOver", { name: name(active.id), position: position(over.id) })
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t("rounds.order.dragEnd", { name: name(active.id), position: position(over.id) })
        : undefined,
    onDragCancel: ({ active }) => t("rounds.order.dragCancel", { name: name(active.id) }),
  };

  function move(from: number, to: number) {
    if (to < 0 || to >= entries.length) return;
    onChange(arrayMove(entries, from, to));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    move(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t("rounds.order.instructions") },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={!sortable}>
        <ol className="speaker-order" aria-label={t("rounds.order.label")}>
          {entries.map((entry, index) => (
            <SortableRow
              key={entry.membershipId}
              entry={entry}
              index={index}
              count={entries.length}
              sortable={sortable}
              onMove={(to) => move(index, to)}
              onToggle={(included) =>
                onChange(
                  entries.map((e) =>
                    e.membershipId === entry.membershipId ? { ...e, included } : e,
                  ),
                )
              }
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({
  entry,
  index,
  count,
  sortable,
  onMove,
  onToggle,
}: {
  entry: OrderEntry;
  index: number;
  count: number;
  sortable: boolean;
  onMove: (to: number) => void;
  onToggle: (included: boolean) => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: entry.membershipId,
    disabled: !sortable,
  });
  const checkboxId = `round-include-${entry.membershipId}`;
  return (
    <li
      ref={setNodeRef}
      className={`speaker-order__row${isDragging ? " speaker-order__row--dragging" : ""}${
        entry.included ? "" : " speaker-order__row--out"
      }`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-membership-id={entry.membershipId}
    >
      {sortable ? (
        <button
          type="button"
          className="speaker-order__handle"
          {...attributes}
          {...listeners}
          aria-roledescription={t("rounds.order.roleDescription")}
          aria-label={t("rounds.order.handle", { name: entry.displayName })}
        >
          <GripIcon />
        </button>
      ) : null}
      <span className="speaker-order__position" aria-hidden="true">
        {index + 1}.
      </span>
      <input
        id={checkboxId}
        type="checkbox"
        checked={entry.included}
        onChange={(e) => onToggle(e.target.checked)}
      />
      <label htmlFor={checkboxId} className="speaker-order__name">
        {entry.displayName}
      </label>
      {sortable ? (
        <span className="speaker-order__moves">
          <button
            type="button"
            className="icon-button"
            onClick={() => onMove(index - 1)}
            disabled={index === 0}
            aria-label={t("rounds.order.moveUp", { name: entry.displayName })}
          >
            <ArrowIcon direction="up" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => onMove(index + 1)}
            disabled={index === count - 1}
            aria-label={t("rounds.order.moveDown", { name: entry.displayName })}
          >
            <ArrowIcon direction="down" />
          </button>
        </span>
      ) : null}
    </li>
  );
}
