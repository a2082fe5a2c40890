// Imported before Excalidraw itself: its fonts come from Piiri's own origin (vite.config.ts copies
// them to /excalidraw/fonts), never from Excalidraw's default CDN.
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

window.EXCALIDRAW_ASSET_PATH = "/excalidraw/";

export {};
