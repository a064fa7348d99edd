/**
 * What a request says: typed reads of an action's parameters (refusing with MissingParameter /
 * InvalidParameter naming the field), CIDR blocks normalised with ipaddr.js (IPv4 and IPv6), and paging.
 */
import ipaddr from "ipaddr.js";
import {
  DEFAULT_PAGE_NUMBER,
  DEFAULT_PAGE_SIZE,
  MAX_CLIENT_TOKEN_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_NEXT_HOP_LENGTH,
  MAX_PAGE_SIZE,
  MAX_PBR_PRIORITY,
  MIN_PBR_PRIORITY,
  ROUTE_WEIGHTS,
} from "../constants";
import { invalidParameter, missingParameter } from "../errors";
import type { RouteTable } from "../model";

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

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const INTEGER = /^-?\d+$/;

export class Params {
  constructor(readonly raw: Readonly<Record<string, string>>) {}

  optional(name: string): string | undefined {
    const value = this.raw[name];
    return value === undefined || value === "" ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const text = this.optional(name);
    if (text === undefined) return undefined;
    const value = INTEGER.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max))
      throw invalidParameter(name, `must be an integer from ${min} to ${max}`);
    return value;
  }

  weight(name: string): number {
    const text = this.required(name);
    const value = INTEGER.test(text) ? Number(text) : NaN;
    if (!ROUTE_WEIGHTS.includes(value))
      throw invalidParameter(name, `must be one of ${ROUTE_WEIGHTS.join(", ")}`);
    return value;
  }

  priority(name: string): number | undefined {
    return this.integer(name, MIN_PBR_PRIORITY, MAX_PBR_PRIORITY);
  }

  boolean(name: string): boolean {
    const value = this.optionalBoolean(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const text = this.optional(name);
    if (text === undefined) return undefined;
    const lower = text.toLowerCase();
    if (lower !== "true" && lower !== "false") throw invalidParameter(name, "must be true or false");
    return lower === "true";
  }

  cidr(name: string): Cidr {
    const parsed = parseCidr(this.required(name));
    if (typeof parsed === "string") throw invalidParameter(name, parsed);
    return parsed;
  }

  /** A destination: not the default route, and clear of 100.64.0.0/10. */
  routeDest(name = "RouteDest"): Cidr {
    const cidr = this.cidr(name);
    if (isDefaultRoute(cidr)) throw invalidParameter(name, `${cidr.text} is not allowed as a destination`);
    if (overlapsSharedAddressSpace(cidr)) {
      throw invalidParameter(name, `${cidr.text} overlaps 100.64.0.0/10, which is reserved`);
    }
    return cidr;
  }

  nextHop(): string {
    const value = this.required("NextHop");
    if (value.length > MAX_NEXT_HOP_LENGTH || !PRINTABLE_ASCII.test(value)) {
      throw invalidParameter("NextHop", `must be 1 to ${MAX_NEXT_HOP_LENGTH} printable ASCII characters`);
    }
    return value;
  }

  description(): string | undefined {
    const value = this.optional("Description");
    if (value === undefined) return undefined;
    if (value.length > MAX_DESCRIPTION_LENGTH) {
      throw invalidParameter("Description", `must be 1 to ${MAX_DESCRIPTION_LENGTH} characters`);
    }
    if (/^https?:\/\//i.test(value))
      throw invalidParameter("Description", "must not start with http:// or https://");
    return value;
  }

  overlayMode(): string | undefined {
    const value = this.optional("OverlayMode");
    if (value !== undefined && value.toLowerCase() !== "ipsec")
      throw invalidParameter("OverlayMode", "must be Ipsec");
    return value === undefined ? undefined : "Ipsec";
  }

  clientToken(): string | undefined {
    const value = this.optional("ClientToken");
    if (value !== undefined && (value.length > MAX_CLIENT_TOKEN_LENGTH || !PRINTABLE_ASCII.test(value))) {
      throw invalidParameter("ClientToken", `must be 1 to ${MAX_CLIENT_TOKEN_LENGTH} ASCII characters`);
    }
    return value;
  }

  routeType(): RouteTable {
    // The API reference's own example sends "PBR": accept either case.
    const value = this.required("RouteType").toLowerCase();
    if (value !== "dbr" && value !== "pbr") throw invalidParameter("RouteType", "must be dbr or pbr");
    return value;
  }
}

/** PageNumber (default 1) and PageSize (default 10, at most 50) over a listing. */
export interface Page<T> {
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
  items: T[];
}

export function page<T>(params: Params, all: T[]): Page<T> {
  const pageNumber = params.integer("PageNumber", 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_PAGE_NUMBER;
  const pageSize = params.integer("PageSize", 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const start = (pageNumber - 1) * pageSize;
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: all.length,
    items: all.slice(start, start + pageSize),
  };
}
