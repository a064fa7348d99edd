import { DEFAULT_PRIORITY } from "../constants";
import type { RouteApi, RouteRef } from "./routeApi";
import { scopeOf } from "./routeApi";

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
