// Who is on the other end of a request, for per-client limits. The TCP peer, unless the peer is a
// proxy the operator trusts (TRUSTED_PROXIES): then X-Forwarded-For, read from the right, names
// the client — the first hop that is not itself a trusted proxy. A client that connects directly
// cannot choose its address by sending the header: it is read only from trusted peers.
import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * The header Piiri sets (overwriting whatever a client sent) on requests it hands to
 * better-auth, whose limiter reads the client address from it.
 */
export const CLIENT_ADDRESS_HEADER = "x-piiri-client-address";

export interface ProxyEntry {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** Parses one TRUSTED_PROXIES entry: an IPv4/IPv6 address or a CIDR range. Null if invalid. */
export function parseProxyEntry(entry: string): ProxyEntry | null {
  const [address = "", prefixText, ...rest] = entry.trim().split("/");
  if (rest.length > 0) return null;
  const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
  if (!family) return null;
  const bits = family === "ipv4" ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  return prefix <= bits ? { address, prefix, family } : null;
}

/** Plain address text: IPv4-mapped IPv6 as IPv4, no brackets or zone. Null if not an address. */
export function normalizeAddress(value: string | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  if (address.startsWith("[") && address.includes("]"))
    address = address.slice(1, address.indexOf("]"));
  address = address.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return address.toLowerCase();
  return null;
}

export type ClientAddressResolver = (peer: string | undefined, forwardedFor?: string) => string;

/** Peers without a usable address (never on a real socket) share this one bucket. */
export const UNKNOWN_ADDRESS = "unknown";

export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddressResolver {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) throw new Error(`not an address or CIDR range: ${entry}`);
    trusted.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  const isTrusted = (address: string) =>
    trustedProxies.length > 0 && trusted.check(address, isIPv4(address) ? "ipv4" : "ipv6");

  return (peer, forwardedFor) => {
    const from = normalizeAddress(peer);
    if (!from) return UNKNOWN_ADDRESS;
    if (!forwardedFor || !isTrusted(from)) return from;
    let client = from;
    const hops = forwardedFor.split(",");
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalizeAddress(hops[i]);
      // A malformed hop: keep the last address a trusted proxy vouched for.
      if (!hop) return client;
      client = hop;
      if (!isTrusted(hop)) return hop;
    }
    return client;
  };
}

/**
 * The key a client address is limited under: IPv4 as is, IPv6 by its /64 (one subscriber line
 * usually owns a whole /64, and could otherwise rotate addresses within it).
 */
export function addressLimitKey(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.padStart(4, "0"))
    .join(":")}::/64`;
}
