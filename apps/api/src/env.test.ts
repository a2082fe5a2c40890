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
      signInTtlSeconds: 14 * 24 * 60 * 60,
      livekit: {
        url: "http://localhost:7880",
        publicUrl: "ws://localhost:7880",
        apiKey: "devkey",
        apiSecret: "secret",
        tokenTtlSeconds: 600,
      },
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

describe("live session settings", () => {
  it("derives LiveKit's HTTP API URL from LIVEKIT_URL unless LIVEKIT_API_URL is set", () => {
    expect(loadConfig({}).livekit.apiUrl).toBe("http://localhost:7880");
    expect(loadConfig({ LIVEKIT_URL: "wss://video.example.fi" }).livekit.apiUrl).toBe(
      "https://video.example.fi",
    );
    expect(loadConfig({ LIVEKIT_URL: "ws://livekit:7880" }).livekit.apiUrl).toBe(
      "http://livekit:7880",
    );
    expect(
      loadConfig({
        LIVEKIT_URL: "wss://video.example.fi",
        LIVEKIT_API_URL: "http://livekit.internal:7880",
      }).livekit.apiUrl,
    ).toBe("http://livekit.internal:7880");
    expect(() => loadConfig({ LIVEKIT_API_URL: "ws://x" })).toThrow(/LIVEKIT_API_URL/);
  });
  it("takes an IANA time zone for exports", () => {
    expect(loadConfig({}).timeZone).toBe("Europe/Helsinki");
    expect(loadConfig({ PIIRI_TIME_ZONE: "Europe/Stockholm" }).timeZone).toBe("Europe/Stockholm");
    expect(() => loadConfig({ PIIRI_TIME_ZONE: "Mars/Olympus" })).toThrow(/PIIRI_TIME_ZONE/);
  });
  it("trusts no proxy unless TRUSTED_PROXIES lists addresses or CIDR ranges", () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(
      loadConfig({ TRUSTED_PROXIES: " 127.0.0.1, 172.16.0.0/12 ,::1" }).trustedProxies,
    ).toEqual(["127.0.0.1", "172.16.0.0/12", "::1"]);
    expect(() => loadConfig({ TRUSTED_PROXIES: "caddy" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
  });
});
