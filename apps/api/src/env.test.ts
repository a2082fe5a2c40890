import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.ts";

describe("loadConfig", () => {
  it("runs on embedded defaults with LiveKit's dev-mode values", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      publicUrl: null,
      livekit: { url: "http://localhost:7880", publicUrl: "ws://localhost:7880", apiKey: "devkey", apiSecret: "secret", tokenTtlSeconds: 600 },
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "seventy" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "seventy" })).toThrow(/PORT/);
    expect(() => loadConfig({ LIVEKIT_PUBLIC_URL: "http://x" })).toThrow(/LIVEKIT_PUBLIC_URL/);
    expect(() => loadConfig({ BETTER_AUTH_SECRET: "short" })).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("refuses production without a secret, a public URL, or with LiveKit's dev keys", () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: "production" });
      } catch (e) {
        return String(e);
      }
      return "";
    })();
    expect(error).toMatch(/BETTER_AUTH_SECRET/);
    expect(error).toMatch(/PUBLIC_URL/);
    expect(error).toMatch(/LIVEKIT_API_SECRET/);
    const production = loadConfig({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: "x".repeat(40),
      PUBLIC_URL: "https://piiri.example.fi/",
      LIVEKIT_API_KEY: "prodkey",
      LIVEKIT_API_SECRET: "y".repeat(40),
    });
    expect(production.publicUrl).toBe("https://piiri.example.fi");
  });
});
