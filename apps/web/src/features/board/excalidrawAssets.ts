// Excalidraw's fonts come from Piiri's own origin (vite.config.ts copies them to /excalidraw/fonts)
// and never from a CDN. Setting `EXCALIDRAW_ASSET_PATH` puts our copy first in every font's source
// list, but Excalidraw always appends its CDN as a fallback, and Chromium was seen fetching those
// fallbacks for unicode ranges nobody used. So the board also drops every foreign source from the
// font faces created while it runs. BoardStage calls this in its lazy loader, before the board's
// code (and Excalidraw with it) is evaluated.
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

export const EXCALIDRAW_ASSET_PATH = "/excalidraw/";

/** The `src` of a font face with only same-origin, relative and data: sources left. */
export function sameOriginSources(source: string, origin: string): string {
  const parts = source.split(/,\s*(?=url\()/);
  const kept = parts.filter((part) => {
    const match = /^url\(\s*["']?([^"')]+)["']?\s*\)/.exec(part.trim());
    if (!match?.[1]) return true; // local(…) and the like never leave the machine
    const url = match[1];
    if (url.startsWith("data:")) return true;
    try {
      return new URL(url, origin).origin === origin;
    } catch {
      return false;
    }
  });
  // A face with no source left cannot load (and makes no request); FontFace needs some source.
  return kept.length > 0 ? kept.join(", ") : "local(piiri-none)";
}

let fontFacesPatched = false;

export function serveExcalidrawAssetsLocally(): void {
  window.EXCALIDRAW_ASSET_PATH = EXCALIDRAW_ASSET_PATH;
  if (fontFacesPatched) return;
  fontFacesPatched = true;
  const NativeFontFace = window.FontFace;
  const origin = window.location.origin;
  class SameOriginFontFace extends NativeFontFace {
    constructor(family: string, source: string | BufferSource, descriptors?: FontFaceDescriptors) {
      super(
        family,
        typeof source === "string" ? sameOriginSources(source, origin) : source,
        descriptors,
      );
    }
  }
  window.FontFace = SameOriginFontFace;
}
