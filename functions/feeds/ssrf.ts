/**
 * SSRF guard for links followed out of a feed: a URL may be fetched only when it is http(s) and
 * every address its host resolves to is a public unicast address. The check is made where the
 * connection is made: `guardedAgent` resolves the host in its socket's own lookup and refuses
 * there, so the address that was checked is the one connected to (no DNS rebinding between a
 * check and a second lookup).
 */
import { promises as dns, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { Agent } from "undici";

/** Thrown when a URL points at a non-public address or is not http(s); names the address and why. */
export class BlockedAddressError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = "BlockedAddressError";
  }
}

/** Resolves a host name to all its addresses (node:dns lookup by default; tests give their own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver: every address, in the order the resolver gives them. */
export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Options of the guard. */
export interface GuardOptions {
  /** Let loopback and private addresses through; only tests that serve pages on 127.0.0.1 set it. */
  allowPrivateNetwork?: boolean;
  /** How names are resolved; the system resolver by default. */
  resolve?: Resolver;
}

type Range = [base: bigint, prefix: number, kind: string];

function v4(text: string): bigint {
  return text.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

const V4_RANGES: Range[] = [
  [v4("0.0.0.0"), 8, "unspecified"],
  [v4("10.0.0.0"), 8, "private"],
  [v4("100.64.0.0"), 10, "CGNAT"],
  [v4("127.0.0.0"), 8, "loopback"],
  [v4("169.254.0.0"), 16, "link-local"],
  [v4("172.16.0.0"), 12, "private"],
  [v4("192.0.0.0"), 24, "reserved"],
  [v4("192.0.2.0"), 24, "reserved"],
  [v4("192.168.0.0"), 16, "private"],
  [v4("198.18.0.0"), 15, "reserved"],
  [v4("198.51.100.0"), 24, "reserved"],
  [v4("203.0.113.0"), 24, "reserved"],
  [v4("224.0.0.0"), 4, "multicast"],
  [v4("240.0.0.0"), 4, "reserved"],
];

/** Parses an IPv6 literal (with `::` and a dotted IPv4 tail) to a 128-bit integer. */
function v6(text: string): bigint {
  let address = text.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    const tail = v4(dotted[1]);
    address = `${address.slice(0, dotted.index)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head = "", rest] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const groups =
    rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group || "0", 16)), 0n);
}

const V6_RANGES: Range[] = [
  [v6("::"), 128, "unspecified"],
  [v6("::1"), 128, "loopback"],
  [v6("100::"), 64, "reserved"],
  [v6("2001:db8::"), 32, "reserved"],
  [v6("fc00::"), 7, "private"],
  [v6("fe80::"), 10, "link-local"],
  [v6("fec0::"), 10, "private"],
  [v6("ff00::"), 8, "multicast"],
];

/** IPv6 prefixes that carry an IPv4 address (mapped, compatible, NAT64, 6to4) and where it sits. */
const V6_EMBEDDING: [base: bigint, prefix: number, shift: bigint][] = [
  [v6("::ffff:0:0"), 96, 0n],
  [v6("::"), 96, 0n],
  [v6("64:ff9b::"), 96, 0n],
  [v6("2002::"), 16, 80n],
];

function inRange(value: bigint, bits: number, base: bigint, prefix: number): boolean {
  const shift = BigInt(bits - prefix);
  return value >> shift === base >> shift;
}

/** Why an address is not public ("private", "loopback" …), or undefined for a public unicast address. */
export function classifyAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) {
    const value = v4(address);
    return V4_RANGES.find(([base, prefix]) => inRange(value, 32, base, prefix))?.[2];
  }
  if (family !== 6) return "not an IP address";
  const value = v6(address);
  const kind = V6_RANGES.find(([base, prefix]) => inRange(value, 128, base, prefix))?.[2];
  if (kind) return kind;
  for (const [base, prefix, shift] of V6_EMBEDDING) {
    if (!inRange(value, 128, base, prefix)) continue;
    const embedded = (value >> shift) & 0xffffffffn;
    const dotted = [24n, 16n, 8n, 0n].map((s) => String((embedded >> s) & 0xffn)).join(".");
    return classifyAddress(dotted);
  }
  return undefined;
}

/**
 * Resolves the URL's host (all addresses) and throws BlockedAddressError unless the scheme is
 * http(s) and every address is public. Resolution errors are thrown as they come from node:dns.
 */
export async function assertPublicAddress(url: string, options: GuardOptions = {}): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BlockedAddressError(url, "not an absolute URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new BlockedAddressError(url, `scheme ${parsed.protocol} not allowed`);
  }
  if (options.allowPrivateNetwork) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  // An IP literal is connected to without a lookup, so this check is its only one (the system
  // resolver answers a literal with itself); a name is checked again, and pinned, at connect time.
  const addresses = await (options.resolve ?? systemResolver)(host);
  assertPublicAddresses(url, host, addresses);
}

/** Throws BlockedAddressError unless there are addresses and every one is public. */
function assertPublicAddresses(url: string, host: string, addresses: LookupAddress[]): void {
  if (addresses.length === 0) throw new BlockedAddressError(url, `no address for ${host}`);
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind) throw new BlockedAddressError(url, `blocked address ${address} (${kind})`);
  }
}

/**
 * A lookup for sockets (net.connect's `lookup`) that resolves with `resolve` and refuses the name,
 * with a BlockedAddressError, when any of its addresses is not public; else it answers with those
 * very addresses, so the connection goes to an address that was checked.
 */
export function guardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        try {
          assertPublicAddresses(hostname, hostname, all);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, "", 0);
          return;
        }
        const family =
          typeof options.family === "number" && options.family !== 0 ? options.family : undefined;
        const addresses = family ? all.filter((entry) => entry.family === family) : all;
        const [first] = addresses;
        if (!first) {
          callback(
            Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: "ENOTFOUND" }),
            "",
            0,
          );
          return;
        }
        // With happy eyeballs (autoSelectFamily) Node asks for all addresses; otherwise for one.
        if (options.all)
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

/**
 * An undici Agent whose connections go only to public addresses, checked in the socket's own
 * lookup. undici is loaded on first use: only full-text fetches need it, not every cold start.
 */
export async function guardedAgent(resolve: Resolver = systemResolver): Promise<Agent> {
  const { Agent } = await import("undici");
  return new Agent({ connect: { lookup: guardedLookup(resolve) } });
}
