import * as ipaddr from "ipaddr.js";

const IPV4_MAX_PREFIX = 32;
const IPV6_MAX_PREFIX = 128;
/** Shared address space Alibaba Cloud uses for its own services; routes overlapping it must not be used. */
export const RESERVED_CIDR = "100.64.0.0/10";
const PREFIX_DIGITS = /^\d{1,3}$/;

export interface ParsedCidr {
  family: "ipv4" | "ipv6";
  /** Canonical text: IPv6 compressed and lower-cased. */
  cidr: string;
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
}

export type CidrResult = { ok: true; value: ParsedCidr } | { ok: false; reason: string };

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // ipaddr.js also accepts "10.1", octal and hex forms, and IPv6 zone IDs; the API takes none of them.
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes("%") && text.includes(":") && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** Parses `address/prefix` strictly and explains what is wrong, naming the block that was probably meant. */
export function parseCidr(text: string): CidrResult {
  const slash = text.lastIndexOf("/");
  if (slash < 0) {
    const address = parseAddress(text);
    if (address) {
      const host = address.kind() === "ipv4" ? IPV4_MAX_PREFIX : IPV6_MAX_PREFIX;
      return {
        ok: false,
        reason: `"${text}" is an address, not a CIDR block: add a prefix length, e.g. "${text}/${host}" for this one host.`,
      };
    }
    return {
      ok: false,
      reason: `"${text}" is not a CIDR block: write an address and a prefix length, e.g. "10.0.0.0/24".`,
    };
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = parseAddress(addressText);
  if (!address) {
    return {
      ok: false,
      reason: `"${addressText}" is not a valid IPv4 or IPv6 address (IPv4 is four decimal numbers 0-255 without leading zeros): write a CIDR block such as "10.0.0.0/24".`,
    };
  }
  const family = address.kind();
  const max = family === "ipv4" ? IPV4_MAX_PREFIX : IPV6_MAX_PREFIX;
  const prefix = PREFIX_DIGITS.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max) || (prefixText.length > 1 && prefixText.startsWith("0"))) {
    return {
      ok: false,
      reason: `"/${prefixText}" is not a valid prefix length for an ${family === "ipv4" ? "IPv4" : "IPv6"} block: use a whole number from 0 to ${max}.`,
    };
  }
  const network =
    family === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  if (network.toString() !== address.toString()) {
    return {
      ok: false,
      reason: `"${text}" has host bits set: use the network address "${network.toString()}/${prefix}" (or "${address.toString()}/${max}" for the single host).`,
    };
  }
  return { ok: true, value: { family, cidr: `${address.toString()}/${prefix}`, address, prefix } };
}

/** Texts already made canonical: a look-up compares one route with every entry of a 1,000-route listing. */
const canonicalTexts = new Map<string, string>();
const MAX_CANONICAL_TEXTS = 100_000;

/**
 * The one normal form of a CIDR, wherever two are compared or a name is made of one (diff, listings, child
 * names): trimmed, IPv6 compressed, lower case; the trimmed input itself when it does not parse.
 */
export function canonicalCidr(text: string): string {
  let canonical = canonicalTexts.get(text);
  if (canonical === undefined) {
    const parsed = parseCidr(text.trim());
    canonical = parsed.ok ? parsed.value.cidr : text.trim();
    if (canonicalTexts.size >= MAX_CANONICAL_TEXTS) canonicalTexts.clear();
    canonicalTexts.set(text, canonical);
  }
  return canonical;
}

/** True when one block contains the other (two CIDR blocks overlap exactly then). */
export function overlaps(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family !== b.family) return false;
  const shortest = Math.min(a.prefix, b.prefix);
  return (a.address as ipaddr.IPv4).match(b.address as ipaddr.IPv4, shortest);
}

/** True for 0.0.0.0/0 and ::/0. */
export function isDefaultRoute(c: ParsedCidr): boolean {
  return c.prefix === 0;
}

const reserved = parseCidr(RESERVED_CIDR);
export const RESERVED: ParsedCidr = (reserved as { ok: true; value: ParsedCidr }).value;
