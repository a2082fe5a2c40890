import { describe, expect, it } from "vitest";
import {
  addressLimitKey,
  clientAddressResolver,
  normalizeAddress,
  parseProxyEntry,
} from "./client-address.ts";

describe("client address", () => {
  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const resolve = clientAddressResolver([]);
    expect(resolve("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(resolve("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(resolve(undefined, "198.51.100.1")).toBe("unknown");
  });

  it("reads X-Forwarded-For from the right, only from a trusted peer, up to the first untrusted hop", () => {
    const resolve = clientAddressResolver(["10.0.0.0/8", "::1"]);
    // Caddy on 10.0.0.2 saw the client 198.51.100.7.
    expect(resolve("10.0.0.2", "198.51.100.7")).toBe("198.51.100.7");
    // A spoofed leftmost entry is skipped: the trusted proxy appended the real client.
    expect(resolve("10.0.0.2", "1.1.1.1, 198.51.100.7")).toBe("198.51.100.7");
    // Two trusted proxies in a row.
    expect(resolve("::1", "198.51.100.7, 10.1.2.3")).toBe("198.51.100.7");
    // An untrusted peer's header is ignored.
    expect(resolve("203.0.113.9", "198.51.100.7")).toBe("203.0.113.9");
    // Garbage: the last address a trusted proxy vouched for.
    expect(resolve("10.0.0.2", "not-an-ip")).toBe("10.0.0.2");
    // Only trusted hops: the leftmost.
    expect(resolve("10.0.0.2", "10.9.9.9")).toBe("10.9.9.9");
  });

  it("parses addresses and CIDR ranges, and refuses anything else", () => {
    expect(parseProxyEntry("172.16.0.0/12")).toEqual({
      address: "172.16.0.0",
      prefix: 12,
      family: "ipv4",
    });
    expect(parseProxyEntry("::1")).toEqual({ address: "::1", prefix: 128, family: "ipv6" });
    for (const bad of ["", "caddy", "10.0.0.0/33", "10.0.0.0/x", "1.2.3.4/8/9", "::/129"]) {
      expect(parseProxyEntry(bad), bad).toBeNull();
    }
    expect(() => clientAddressResolver(["caddy"])).toThrow(/caddy/);
  });

  it("normalises the forms addresses come in", () => {
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("nonsense")).toBeNull();
  });

  it("limits IPv6 clients by their /64", () => {
    expect(addressLimitKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressLimitKey("2001:db8:1:2::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressLimitKey("2001:db8:1:2:ffff::9")).toBe(addressLimitKey("2001:db8:1:2::1"));
    expect(addressLimitKey("::1")).toBe("0000:0000:0000:0000::/64");
  });
});
