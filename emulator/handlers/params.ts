/** Typed reads of an action's parameters, refusing with MissingParameter / InvalidParameter naming the field. */
import {
  MAX_CLIENT_TOKEN_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_NEXT_HOP_LENGTH,
  MAX_PBR_PRIORITY,
  MIN_PBR_PRIORITY,
  ROUTE_WEIGHTS,
} from "../constants";
import { invalidParameter, missingParameter } from "../errors";
import { type Cidr, isDefaultRoute, overlapsSharedAddressSpace, parseCidr } from "./cidr";

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

  routeType(): "dbr" | "pbr" {
    // The API reference's own example sends "PBR": accept either case.
    const value = this.required("RouteType").toLowerCase();
    if (value !== "dbr" && value !== "pbr") throw invalidParameter("RouteType", "must be dbr or pbr");
    return value;
  }
}
