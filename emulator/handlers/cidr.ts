/** CIDR parsing and normalisation with ipaddr.js; IPv4 and IPv6 both accepted. */
import ipaddr from "ipaddr.js";

export interface Cidr {
  /** Canonical text: the network address (host bits cleared), IPv6 compressed and lower-case. */
  text: string;
  kind: "ipv4" | "ipv6";
  range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

/** The shared address space (RFC 6598) that Alibaba Cloud uses internally. */
const SHARED_ADDRESS_SPACE = ipaddr.parseCIDR("100.64.0.0/10") as [ipaddr.IPv4, number];

/** Returns the normalised CIDR, or a reason it is not one. */
export function parseCidr(text: string): Cidr | string {
  if (!text.includes("/")) return "a CIDR block needs a prefix length, e.g. 10.0.0.0/24";
  const isV4 = ipaddr.IPv4.isValidCIDR(text);
  // ipaddr.js also accepts octal and short IPv4 forms ("010.1/8"); the API wants four decimal parts.
  if (isV4 && !ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return "IPv4 addresses need four decimal parts";
  if (!isV4 && !ipaddr.IPv6.isValidCIDR(text)) return `"${text}" is not a CIDR block`;
  const network = isV4 ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  const prefix = Number(text.slice(text.lastIndexOf("/") + 1));
  return { text: `${network.toString()}/${prefix}`, kind: network.kind(), range: [network, prefix] };
}

/** `0.0.0.0/0` (and `::/0`) is refused as a route destination. */
export function isDefaultRoute(cidr: Cidr): boolean {
  return cidr.range[1] === 0;
}

/** True when the block lies inside 100.64.0.0/10 or contains it. */
export function overlapsSharedAddressSpace(cidr: Cidr): boolean {
  if (cidr.kind !== "ipv4") return false;
  const [network, prefix] = cidr.range as [ipaddr.IPv4, number];
  const [shared, sharedPrefix] = SHARED_ADDRESS_SPACE;
  return prefix >= sharedPrefix ? network.match(shared, sharedPrefix) : shared.match(network, prefix);
}
