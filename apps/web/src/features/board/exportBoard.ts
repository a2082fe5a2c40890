// PNG and PDF of the board or one frame, made in the browser: nothing leaves it. Excalidraw draws
// the PNG (`exportToBlob`); jsPDF (loaded only when a PDF is asked for) wraps that image in a
// one-page PDF of the same proportions.
import { exportToBlob } from "@excalidraw/excalidraw";
import type {
  ExcalidrawElement,
  ExcalidrawFrameLikeElement,
  NonDeleted,
} from "@excalidraw/excalidraw/element/types";
import type { AppState, BinaryFiles } from "@excalidraw/excalidraw/types";

export type ExportFormat = "png" | "pdf";

export interface ExportInput {
  elements: readonly ExcalidrawElement[];
  files: BinaryFiles;
  viewBackgroundColor: AppState["viewBackgroundColor"];
  /** Only this frame and what is in it (null: the whole board). */
  frameId: string | null;
}

/** The elements an export shows: not deleted; inside the frame when one is chosen. */
export function exportedElements(
  elements: readonly ExcalidrawElement[],
  frameId: string | null,
): { elements: NonDeleted<ExcalidrawElement>[]; frame: ExcalidrawFrameLikeElement | null } {
  const live = elements.filter(
    (element): element is NonDeleted<ExcalidrawElement> => !element.isDeleted,
  );
  if (!frameId) return { elements: live, frame: null };
  const frame = live.find(
    (element): element is NonDeleted<ExcalidrawFrameLikeElement> =>
      element.id === frameId && (element.type === "frame" || element.type === "magicframe"),
  );
  if (!frame) return { elements: [], frame: null };
  const inFrame = new Set([frameId]);
  for (const element of live) if (element.frameId === frameId) inFrame.add(element.id);
  // Labels are bound to their container, which is what carries the frameId.
  for (const element of live) {
    if (element.type === "text" && element.containerId && inFrame.has(element.containerId))
      inFrame.add(element.id);
  }
  return { elements: live.filter((element) => inFrame.has(element.id)), frame };
}

export async function exportPng(input: ExportInput): Promise<Blob | null> {
  const { elements, frame } = exportedElements(input.elements, input.frameId);
  if (elements.length === 0) return null;
  // Excalidraw's own d.ts for exportToBlob goes through a path alias typescript-eslint cannot
  // follow (tsc can, and checks this call).
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call
  return await exportToBlob({
    elements,
    files: input.files,
    exportingFrame: frame,
    mimeType: "image/png",
    exportPadding: 24,
    appState: {
      exportBackground: true,
      viewBackgroundColor: input.viewBackgroundColor,
      exportWithDarkMode: false,
    },
  });
}

export async function exportPdf(input: ExportInput): Promise<Blob | null> {
  const png = await exportPng(input);
  if (!png) return null;
  const [{ jsPDF }, bitmap, dataUrl] = await Promise.all([
    import("jspdf"),
    createImageBitmap(png),
    blobToDataUrl(png),
  ]);
  const { width, height } = bitmap;
  bitmap.close();
  const pdf = new jsPDF({
    orientation: width >= height ? "landscape" : "portrait",
    unit: "px",
    format: [width, height],
    hotfixes: ["px_scaling"],
    compress: true,
  });
  pdf.addImage(dataUrl, "PNG", 0, 0, width, height);
  return pdf.output("blob");
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("could not read the image"));
    reader.readAsDataURL(blob);
  });
}

/** Saves a blob as a file through the browser's own download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
