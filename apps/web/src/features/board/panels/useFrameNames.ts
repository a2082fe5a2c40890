import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { useEffect, useState } from "react";

export interface FrameInfo {
  id: string;
  name: string;
  kind: string | null;
}

function framesOf(elements: readonly ExcalidrawElement[]): FrameInfo[] {
  return elements.flatMap((element) => {
    if (element.isDeleted || element.type !== "frame") return [];
    const custom = element.customData as { kind?: unknown } | undefined;
    return [
      {
        id: element.id,
        name: element.name ?? "",
        kind: typeof custom?.kind === "string" ? custom.kind : null,
      },
    ];
  });
}

/** The frames on the canvas (id, name), updated as the scene changes. */
export function useFrameNames(api: ExcalidrawImperativeAPI | null): FrameInfo[] {
  const [frames, setFrames] = useState<FrameInfo[]>([]);
  useEffect(() => {
    if (!api) return;
    let signature = "";
    const read = (elements: readonly ExcalidrawElement[]) => {
      const next = framesOf(elements);
      const nextSignature = JSON.stringify(next);
      if (nextSignature === signature) return;
      signature = nextSignature;
      setFrames(next);
    };
    read(api.getSceneElements());
    return api.onChange((elements) => read(elements));
  }, [api]);
  return frames;
}
