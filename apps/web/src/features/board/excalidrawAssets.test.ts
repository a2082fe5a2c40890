import { describe, expect, it } from "vitest";
import { sameOriginSources } from "./excalidrawAssets.ts";

const origin = "https://piiri.example";

describe("sameOriginSources", () => {
  it("keeps our copy and drops Excalidraw's CDN fallback", () => {
    const src =
      "url(https://piiri.example/excalidraw/fonts/Excalifont/a.woff2) format('woff2'), url(https://esm.sh/@excalidraw/excalidraw@0.18.1/dist/prod/fonts/Excalifont/a.woff2) format('woff2')";
    expect(sameOriginSources(src, origin)).toBe(
      "url(https://piiri.example/excalidraw/fonts/Excalifont/a.woff2) format('woff2')",
    );
  });

  it("keeps relative, data: and local() sources", () => {
    const src =
      "url(/assets/a.woff2) format('woff2'), url(data:font/woff2;base64,AAAA), local(Arial)";
    expect(sameOriginSources(src, origin)).toBe(src);
  });

  it("leaves a face with only foreign sources without any request", () => {
    expect(sameOriginSources("url(https://cdn.example/a.woff2)", origin)).toBe("local(piiri-none)");
  });
});
