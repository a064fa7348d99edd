import type { RouteApi } from "./routeApi";
import { scopeOf } from "./routeApi";

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
