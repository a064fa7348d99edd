import { sameIdentity } from "../ids";
import { findRoute, listingKey } from "./listing";
import { matches, type Desired } from "./plan";
import type { ListedRoute, NewRoute, RouteApi } from "./routeApi";
import type { ListingChange } from "./writes";

type CreateAnswer = Partial<ListedRoute>;

const CUSTOM_ROUTE_ENTRY_TYPE = "custom";

/**
 * The entry a create made, read from its answer: CreateVpnRouteEntry and CreateVpnPbrRouteEntry return the
 * entry (RouteDest, NextHop, Weight, State, CreateTime...). Once the gateway is `active` again after that
 * answer the change is applied, so an answer that shows the requested weight and publish state confirms the
 * write without listing the table (1,000 routes are 20 pages). Undefined when the answer does not say
 * enough: then the listing confirms it, as for every other write.
 */
export function createdEntry(
  api: RouteApi,
  route: NewRoute,
  answer: unknown,
  desired: Desired,
): ListedRoute | undefined {
  const a = (answer ?? {}) as CreateAnswer;
  if (typeof a.Weight !== "number" || typeof a.State !== "string" || typeof a.CreateTime !== "number") {
    return undefined;
  }
  const entry: ListedRoute = {
    VpnInstanceId: a.VpnInstanceId ?? route.vpnGatewayId,
    RouteDest: a.RouteDest ?? route.routeDest,
    NextHop: a.NextHop ?? route.nextHop,
    Weight: a.Weight,
    State: a.State,
    CreateTime: a.CreateTime,
    // A route made by Create*RouteEntry is a custom route (BGP learns the others); listings say "custom".
    RouteEntryType: a.RouteEntryType ?? CUSTOM_ROUTE_ENTRY_TYPE,
    ...(api.kind === "pbr" ? { RouteSource: a.RouteSource ?? route.routeSource, Priority: a.Priority } : {}),
  };
  const listedAs = { vpnGatewayId: route.vpnGatewayId, ...identityOf(entry) };
  if (!sameIdentity(api.kind, route, listedAs) || !matches(entry, desired)) return undefined;
  return entry;
}

const identityOf = (e: ListedRoute) => ({
  nextHop: e.NextHop,
  routeDest: e.RouteDest,
  routeSource: e.RouteSource,
});

/** The kept listing of the route's gateway, with the created entry in it. */
export function withCreated(api: RouteApi, route: NewRoute, entry: ListedRoute): ListingChange {
  return {
    key: listingKey(api, route.region, route.vpnGatewayId),
    change: (entries) => {
      const listed = entries as ListedRoute[];
      const old = findRoute(api, listed, route);
      return [...listed.filter((e) => e !== old), entry];
    },
  };
}
