/**
 * The two route kinds in the API's terms: which action lists, creates, deletes, re-weights and publishes a
 * destination-based route (the *VpnRouteEntry actions) and a policy-based one (the *VpnPbrRouteEntry
 * actions), and which of each request's parameters the entry supplies. Each call is one logical API call.
 */
import type { VpcClient } from "./api/client";
import type { GatewayScoped } from "./api/types";
import { DEFAULT_PRIORITY } from "./constants";
import type { ListedRoute, NewRoute, RouteRef } from "./routes";
import type { RouteKind } from "./types";

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

/** Destination-based routes: the *VpnRouteEntry actions. */
export const dbrApi: RouteApi = {
  kind: "dbr",
  list: (client, scope) => client.describeVpnRouteEntries(scope),
  create: (client, r) =>
    client.createVpnRouteEntry({
      ...scopeOf(r),
      RouteDest: r.routeDest,
      NextHop: r.nextHop,
      Weight: r.weight,
      PublishVpc: r.publishVpc,
      Description: r.description,
      OverlayMode: r.overlayMode,
    }),
  remove: (client, r, current) =>
    client.deleteVpnRouteEntry({
      ...scopeOf(r),
      RouteDest: r.routeDest,
      NextHop: r.nextHop,
      Weight: current.Weight,
      OverlayMode: r.overlayMode,
    }),
  modifyWeight: (client, r, current, newWeight) =>
    client.modifyVpnRouteEntryWeight({
      ...scopeOf(r),
      RouteDest: r.routeDest,
      NextHop: r.nextHop,
      Weight: current.Weight,
      NewWeight: newWeight,
      OverlayMode: r.overlayMode,
    }),
  publish: (client, r, publish) =>
    client.publishVpnRouteEntry({
      ...scopeOf(r),
      RouteDest: r.routeDest,
      NextHop: r.nextHop,
      RouteType: "dbr",
      PublishVpc: publish,
    }),
};

/** What names one policy route in its table: gateway, region, source, destination and next hop. */
const entryOf = (r: RouteRef) => ({
  ...scopeOf(r),
  RouteSource: r.routeSource ?? "",
  RouteDest: r.routeDest,
  NextHop: r.nextHop,
});

/** Policy-based routes: the *VpnPbrRouteEntry actions. */
export const pbrApi: RouteApi = {
  kind: "pbr",
  list: (client, scope) => client.describeVpnPbrRouteEntries(scope),
  create: (client, r) =>
    client.createVpnPbrRouteEntry({
      ...entryOf(r),
      Weight: r.weight,
      PublishVpc: r.publishVpc,
      Priority: r.priority,
      Description: r.description,
      OverlayMode: r.overlayMode,
    }),
  remove: (client, r, current) =>
    client.deleteVpnPbrRouteEntry({
      ...entryOf(r),
      Weight: current.Weight,
      // Sent only as the configured value: the API refuses a priority that differs from the entry's.
      Priority: current.Priority,
      OverlayMode: r.overlayMode,
    }),
  modifyWeight: (client, r, current, newWeight) =>
    client.modifyVpnPbrRouteEntryWeight({
      ...entryOf(r),
      Weight: current.Weight,
      NewWeight: newWeight,
      Priority: current.Priority,
      OverlayMode: r.overlayMode,
    }),
  modifyPriority: (client, r, current, newPriority) =>
    client.modifyVpnPbrRouteEntryPriority({
      ...entryOf(r),
      Weight: current.Weight,
      Priority: current.Priority,
      NewPriority: newPriority,
    }),
  modifyAttribute: (client, r, current, change) =>
    client.modifyVpnPbrRouteEntryAttribute({
      ...entryOf(r),
      Weight: current.Weight,
      Priority: current.Priority ?? DEFAULT_PRIORITY,
      NewWeight: change.weight,
      NewPriority: change.priority === current.Priority ? undefined : change.priority,
    }),
  // PublishVpnRouteEntry has no RouteSource: the API publishes or withdraws by destination and next hop.
  publish: (client, r, publish) =>
    client.publishVpnRouteEntry({
      ...scopeOf(r),
      RouteDest: r.routeDest,
      NextHop: r.nextHop,
      RouteType: "pbr",
      PublishVpc: publish,
    }),
};
