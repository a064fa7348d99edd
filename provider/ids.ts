import type { RouteIdentity, RouteKind } from "./types";
import { canonicalCidr } from "./validation/cidr";

/** Terraform's and `@pulumi/alicloud`'s separator. Gateway and connection IDs never contain it. */
const SEPARATOR = ":";
/** A pbr ID's tail is `source:dest`; both are CIDRs, so the source ends at its `/prefix`. */
const PBR_TAIL = /^([^/]+\/\d{1,3}):([^/]+\/\d{1,3})$/;

/**
 * The import ID terraform-provider-alicloud and `@pulumi/alicloud` use:
 * `gw:nextHop:routeDest` (dbr) and `gw:nextHop:routeSource:routeDest` (pbr).
 */
export function formatRouteId(kind: RouteKind, route: RouteIdentity): string {
  const parts = [route.vpnGatewayId, route.nextHop];
  if (kind === "pbr") parts.push(route.routeSource ?? "");
  parts.push(route.routeDest);
  return parts.join(SEPARATOR);
}

/**
 * Parses an ID of either form. Unlike terraform's split on every `:`, an IPv6 CIDR survives: the gateway
 * and next hop are split off the front, and a pbr tail is split where the source's `/prefix` ends.
 * @throws Error naming the expected form when the ID does not parse.
 */
export function parseRouteId(kind: RouteKind, id: string): RouteIdentity {
  const expected = kind === "pbr" ? "vpn-xxx:vco-xxx:routeSource:routeDest" : "vpn-xxx:vco-xxx:routeDest";
  const bad = () =>
    new Error(`"${id}" is not a ${kind === "pbr" ? "policy" : "destination"} route ID: expected ${expected}`);
  const first = id.indexOf(SEPARATOR);
  const second = first < 0 ? -1 : id.indexOf(SEPARATOR, first + 1);
  if (first <= 0 || second <= first + 1 || second === id.length - 1) throw bad();
  const vpnGatewayId = id.slice(0, first);
  const nextHop = id.slice(first + 1, second);
  const tail = id.slice(second + 1);
  if (kind === "dbr") {
    if (!tail.includes("/")) throw bad();
    return { vpnGatewayId, nextHop, routeDest: tail };
  }
  const match = PBR_TAIL.exec(tail);
  if (!match) throw bad();
  return { vpnGatewayId, nextHop, routeSource: match[1], routeDest: match[2] };
}

/**
 * True when two routes occupy the same slot on a gateway (the API refuses a second one). CIDRs compare in
 * canonical form: the listing and the program may spell an IPv6 block differently.
 */
export function sameIdentity(kind: RouteKind, a: RouteIdentity, b: RouteIdentity): boolean {
  const cidr = (s: string | undefined) => (s === undefined ? s : canonicalCidr(s));
  return (
    a.vpnGatewayId === b.vpnGatewayId &&
    a.nextHop === b.nextHop &&
    cidr(a.routeDest) === cidr(b.routeDest) &&
    (kind === "dbr" || cidr(a.routeSource) === cidr(b.routeSource))
  );
}
