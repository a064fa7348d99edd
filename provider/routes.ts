/**
 * A route in the API's terms: its identity on its gateway, its import ID (terraform's and `@pulumi/alicloud`'s
 * form), the entry a listing shows and the settings it is to have, the key of its destination, and the
 * actions of each route kind (which action lists, creates, deletes, re-weights and publishes a destination
 * route and a policy route, and which of each request's parameters the entry supplies). CIDRs compare in
 * canonical form: the listing and the program may spell an IPv6 block differently.
 */
import type { VpcClient } from "./api/client";
import type { GatewayScoped, VpnPbrRouteEntry, VpnRouteEntry } from "./api/types";
import { DEFAULT_PRIORITY, STATE_PUBLISHED } from "./constants";
import { InvalidRouteIdError } from "./errors";
import type { RouteIdentity, RouteKind } from "./types";
import { canonicalCidr } from "./validation/cidr";

/** One entry of either listing (policy routes add RouteSource and Priority). */
export type ListedRoute = VpnRouteEntry & Partial<Pick<VpnPbrRouteEntry, "RouteSource" | "Priority">>;

/** A route on one gateway in one region, as the write actions address it. */
export interface RouteRef extends RouteIdentity {
  region: string;
  overlayMode?: string;
}

/** A route with the settings it is to have. */
export interface NewRoute extends RouteRef {
  weight: number;
  publishVpc: boolean;
  description?: string;
  priority?: number;
}

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
 * @throws InvalidRouteIdError naming the expected form when the ID does not parse.
 */
export function parseRouteId(kind: RouteKind, id: string): RouteIdentity {
  const bad = () => new InvalidRouteIdError(id, kind);
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

/** True when two routes occupy the same slot on a gateway (the API refuses a second one). */
export function sameIdentity(kind: RouteKind, a: RouteIdentity, b: RouteIdentity): boolean {
  const cidr = (s: string | undefined) => (s === undefined ? s : canonicalCidr(s));
  return (
    a.vpnGatewayId === b.vpnGatewayId &&
    a.nextHop === b.nextHop &&
    cidr(a.routeDest) === cidr(b.routeDest) &&
    (kind === "dbr" || cidr(a.routeSource) === cidr(b.routeSource))
  );
}

/** The identity a listed entry shows, on the given gateway. */
export const identityOf = (vpnGatewayId: string, e: ListedRoute): RouteIdentity => ({
  vpnGatewayId,
  nextHop: e.NextHop,
  routeDest: e.RouteDest,
  routeSource: e.RouteSource,
});

/** The route's entry among a gateway's listed entries. */
export function findRoute(
  kind: RouteKind,
  entries: ListedRoute[],
  route: RouteIdentity,
): ListedRoute | undefined {
  return entries.find((e) => sameIdentity(kind, route, identityOf(route.vpnGatewayId, e)));
}

/** True when the entry routes the same destination (policy routes: the same source and destination). */
export function sameDestination(kind: RouteKind, entry: ListedRoute, route: RouteIdentity): boolean {
  if (canonicalCidr(entry.RouteDest) !== canonicalCidr(route.routeDest)) return false;
  return kind === "dbr" || canonicalCidr(entry.RouteSource ?? "") === canonicalCidr(route.routeSource ?? "");
}

/** The routes of one destination (policy routes: one source and destination) on one gateway. */
export function destinationKey(kind: RouteKind, route: RouteIdentity): string {
  const source = kind === "pbr" ? `${canonicalCidr(route.routeSource ?? "")}>` : "";
  return `${kind}|${source}${canonicalCidr(route.routeDest)}`;
}

/** The in-place settings of a route. */
export interface Desired {
  weight: number;
  publishVpc: boolean;
  /** Policy routes only. */
  priority?: number;
}

export const isPublished = (entry: ListedRoute): boolean => entry.State === STATE_PUBLISHED;

export const desiredOf = (route: NewRoute): Desired => ({
  weight: route.weight,
  publishVpc: route.publishVpc,
  priority: route.priority,
});

/** True when the listed entry shows every wanted setting. */
export function matches(entry: ListedRoute, desired: Desired): boolean {
  return (
    entry.Weight === desired.weight &&
    isPublished(entry) === desired.publishVpc &&
    (desired.priority === undefined || entry.Priority === undefined || entry.Priority === desired.priority)
  );
}

/** The actions of one route kind, in the product's terms. Each call is one logical API call. */
export interface RouteApi {
  readonly kind: RouteKind;
  list(client: VpcClient, scope: Required<GatewayScoped>): Promise<ListedRoute[]>;
  create(client: VpcClient, route: NewRoute): Promise<unknown>;
  /** Delete needs the entry's current weight (and, for policy routes, priority). */
  remove(client: VpcClient, route: RouteRef, current: ListedRoute): Promise<unknown>;
  modifyWeight(client: VpcClient, route: RouteRef, current: ListedRoute, newWeight: number): Promise<unknown>;
  /** Policy routes only. */
  modifyPriority?(
    client: VpcClient,
    route: RouteRef,
    current: ListedRoute,
    newPriority: number,
  ): Promise<unknown>;
  /**
   * Policy routes only: weight and priority in one call (ModifyVpnPbrRouteEntryAttribute), for gateways whose
   * listing shows priorities.
   */
  modifyAttribute?(
    client: VpcClient,
    route: RouteRef,
    current: ListedRoute,
    change: { weight: number; priority?: number },
  ): Promise<unknown>;
  publish(client: VpcClient, route: RouteRef, publish: boolean): Promise<unknown>;
}

export function scopeOf(route: { region: string; vpnGatewayId: string }): Required<GatewayScoped> {
  return { RegionId: route.region, VpnGatewayId: route.vpnGatewayId };
}

/** What names one destination route in its table (and what PublishVpnRouteEntry takes for either kind). */
const dbrEntryOf = (r: RouteRef) => ({ ...scopeOf(r), RouteDest: r.routeDest, NextHop: r.nextHop });

/** What names one policy route in its table: its destination entry and its source. */
const pbrEntryOf = (r: RouteRef) => ({ ...dbrEntryOf(r), RouteSource: r.routeSource ?? "" });

/**
 * The parameters of a destination route's create, delete and weight change. A policy route's are these, named by
 * its source too, with its priority: the one the route is to have on a create, the entry's own on a delete or a
 * weight change (the API refuses a priority that differs from the entry's).
 */
const dbrWrite = {
  create: (r: NewRoute) => ({
    ...dbrEntryOf(r),
    Weight: r.weight,
    PublishVpc: r.publishVpc,
    Description: r.description,
    OverlayMode: r.overlayMode,
  }),
  remove: (r: RouteRef, current: ListedRoute) => ({
    ...dbrEntryOf(r),
    Weight: current.Weight,
    OverlayMode: r.overlayMode,
  }),
  modifyWeight: (r: RouteRef, current: ListedRoute, newWeight: number) => ({
    ...dbrWrite.remove(r, current),
    NewWeight: newWeight,
  }),
};

/** PublishVpnRouteEntry has no RouteSource: the API publishes or withdraws by destination and next hop. */
const publishOf = (RouteType: RouteKind) => (client: VpcClient, r: RouteRef, publish: boolean) =>
  client.publishVpnRouteEntry({ ...dbrEntryOf(r), RouteType, PublishVpc: publish });

/** Destination-based routes: the *VpnRouteEntry actions. */
export const dbrApi: RouteApi = {
  kind: "dbr",
  list: (client, scope) => client.describeVpnRouteEntries(scope),
  create: (client, r) => client.createVpnRouteEntry(dbrWrite.create(r)),
  remove: (client, r, current) => client.deleteVpnRouteEntry(dbrWrite.remove(r, current)),
  modifyWeight: (client, r, current, newWeight) =>
    client.modifyVpnRouteEntryWeight(dbrWrite.modifyWeight(r, current, newWeight)),
  publish: publishOf("dbr"),
};

/** Policy-based routes: the *VpnPbrRouteEntry actions. */
export const pbrApi: RouteApi = {
  kind: "pbr",
  list: (client, scope) => client.describeVpnPbrRouteEntries(scope),
  create: (client, r) =>
    client.createVpnPbrRouteEntry({ ...dbrWrite.create(r), ...pbrEntryOf(r), Priority: r.priority }),
  remove: (client, r, current) =>
    client.deleteVpnPbrRouteEntry({
      ...dbrWrite.remove(r, current),
      ...pbrEntryOf(r),
      Priority: current.Priority,
    }),
  modifyWeight: (client, r, current, newWeight) =>
    client.modifyVpnPbrRouteEntryWeight({
      ...dbrWrite.modifyWeight(r, current, newWeight),
      ...pbrEntryOf(r),
      Priority: current.Priority,
    }),
  modifyPriority: (client, r, current, newPriority) =>
    client.modifyVpnPbrRouteEntryPriority({
      ...pbrEntryOf(r),
      Weight: current.Weight,
      Priority: current.Priority,
      NewPriority: newPriority,
    }),
  modifyAttribute: (client, r, current, change) =>
    client.modifyVpnPbrRouteEntryAttribute({
      ...pbrEntryOf(r),
      Weight: current.Weight,
      Priority: current.Priority ?? DEFAULT_PRIORITY,
      NewWeight: change.weight,
      NewPriority: change.priority === current.Priority ? undefined : change.priority,
    }),
  publish: publishOf("pbr"),
};

/** Each route kind's actions. */
export const ROUTE_APIS: Readonly<Record<RouteKind, RouteApi>> = { dbr: dbrApi, pbr: pbrApi };

/** The key of a destination route in a table: its identity, never its position in a list. */
export function routeKey(routeDest: string, nextHop: string): string {
  return `${canonicalCidr(routeDest)}@${nextHop}`;
}

/** The key of a policy route in a table: its identity (source, destination, next hop). */
export function policyRouteKey(routeSource: string, routeDest: string, nextHop: string): string {
  return `${canonicalCidr(routeSource)}>${canonicalCidr(routeDest)}@${nextHop}`;
}

/** A route's key in a table, from its identity. */
export const tableKeyOf = (kind: RouteKind, r: RouteIdentity): string =>
  kind === "pbr"
    ? policyRouteKey(r.routeSource ?? "", r.routeDest, r.nextHop)
    : routeKey(r.routeDest, r.nextHop);
