/**
 * Destination-based routes (dbr): CreateVpnRouteEntry, DeleteVpnRouteEntry, DescribeVpnRouteEntries and
 * ModifyVpnRouteEntryWeight; and PublishVpnRouteEntry, named like them by destination and next hop, which
 * publishes entries of either table.
 */
import { activeStandbyRouteExists, invalidParameter, routeNotFound } from "../errors";
import type { GatewayRecord, RouteRecord, RouteTable } from "../model";
import { namedGateway, type ReadAction, write } from "./actions";
import { page } from "./params";
import {
  addEntry,
  CLOUD_SOURCE,
  createdView,
  CUSTOM_ROUTE,
  describeRoute,
  entryView,
  newEntry,
  DESTINATION_ROUTES,
  pairOf,
  removeEntry,
  requireEntry,
} from "./routeTables";
import { isDualTunnel, nextHopTunnelId } from "./vpnGateway";

const BGP_ROUTE = "bgp";
/** The Source of a route learned over BGP (the reference's listed entry fields: `CLOUD` or `VPN_BGP`). */
const BGP_SOURCE = "VPN_BGP";

export const createVpnRouteEntry = write({
  parse: (p) => ({
    routeDest: p.routeDest().text,
    nextHop: p.nextHop(),
    weight: p.weight("Weight"),
    publishVpc: p.boolean("PublishVpc"),
    description: p.description(),
    overlayMode: p.overlayMode(),
  }),
  acceptsDryRun: true,
  apply(gateway, input, now) {
    const entry = newEntry(input, now);
    addEntry(DESTINATION_ROUTES, gateway, entry);
    return createdView(gateway, entry);
  },
});

export const deleteVpnRouteEntry = write({
  parse: (p) => {
    p.overlayMode();
    return { routeDest: p.cidr("RouteDest").text, nextHop: p.nextHop(), weight: p.weight("Weight") };
  },
  apply(gateway, input) {
    removeEntry(gateway.routes, requireEntry(DESTINATION_ROUTES, gateway, input));
    return {};
  },
});

/** One entry of DescribeVpnRouteEntries (no Description: listings do not carry it). */
function listed(gateway: GatewayRecord, r: RouteRecord): Record<string, unknown> {
  return {
    ...entryView(gateway, r),
    // A dual-tunnel gateway names the tunnel of the next hop's connection too (the SDK model's NextHopTunnelId).
    ...(isDualTunnel(gateway) ? { NextHopTunnelId: nextHopTunnelId(gateway, r.nextHop) } : {}),
    RouteEntryType: CUSTOM_ROUTE,
    Source: CLOUD_SOURCE,
  };
}

export const describeVpnRouteEntries: ReadAction = {
  kind: "read",
  run(ctx) {
    const type = (ctx.params.optional("RouteEntryType") ?? CUSTOM_ROUTE).toLowerCase();
    if (type !== CUSTOM_ROUTE && type !== BGP_ROUTE)
      throw invalidParameter("RouteEntryType", "must be custom or bgp");
    const gateway = namedGateway(ctx);
    // BGP-learned routes (drift.learnBgpRoute) are listed apart from custom ones, as RouteEntryType selects.
    const entries =
      type === BGP_ROUTE
        ? (gateway.bgpRoutes ?? []).map((r) => ({
            ...listed(gateway, r),
            RouteEntryType: BGP_ROUTE,
            Source: BGP_SOURCE,
          }))
        : gateway.routes.map((r) => listed(gateway, r));
    const { items, ...paging } = page(ctx.params, entries);
    // VpnRouteCounts (SDK model): the gateway's routes per type and source; shown by dual-tunnel gateways.
    const counts = isDualTunnel(gateway)
      ? {
          VpnRouteCounts: {
            VpnRouteCount: [
              { RouteEntryType: CUSTOM_ROUTE, Source: CLOUD_SOURCE, RouteCount: gateway.routes.length },
            ],
          },
        }
      : {};
    return { ...paging, ...counts, VpnRouteEntries: { VpnRouteEntry: items } };
  },
};

/**
 * Changes a destination route's weight, as Alibaba's reference (January 2026) describes: refused while
 * another route for the destination exists (delete it first), and on a dual-tunnel gateway a success that
 * changes nothing. With no other route for the destination, no second active route can arise.
 */
export const modifyVpnRouteEntryWeight = write({
  parse: (p) => {
    p.overlayMode();
    return {
      routeDest: p.cidr("RouteDest").text,
      nextHop: p.nextHop(),
      weight: p.weight("Weight"),
      newWeight: p.weight("NewWeight"),
    };
  },
  apply(gateway, input) {
    const entry = requireEntry(DESTINATION_ROUTES, gateway, input);
    if (isDualTunnel(gateway)) return {};
    // The reference says to delete the other one of an active/standby pair first and configure it again
    // afterwards; no code is published (CHOICES.md).
    const others = pairOf(DESTINATION_ROUTES, gateway, entry).filter((r) => r !== entry);
    if (others.length > 0) {
      throw activeStandbyRouteExists(
        describeRoute(DESTINATION_ROUTES, entry),
        others.map((r) => r.nextHop),
      );
    }
    entry.weight = input.newWeight;
    return {};
  },
});

/**
 * PublishVpnRouteEntry has no RouteSource: it publishes or withdraws every entry of the named table with
 * this destination and next hop. Withdrawing also withdraws every entry of the other table with the same
 * destination CIDR, whatever its next hop (the reference's PublishVpc note keys it on the destination).
 */
export const publishVpnRouteEntry = write({
  parse: (p) => ({
    routeDest: p.cidr("RouteDest").text,
    nextHop: p.nextHop(),
    routeType: p.routeType(),
    publishVpc: p.boolean("PublishVpc"),
  }),
  apply(gateway, input) {
    const tableOf = (table: RouteTable): RouteRecord[] =>
      table === "dbr" ? gateway.routes : gateway.pbrRoutes;
    const named = tableOf(input.routeType).filter(
      (r) => r.routeDest === input.routeDest && r.nextHop === input.nextHop,
    );
    if (named.length === 0)
      throw routeNotFound(`${input.routeType} ${describeRoute(DESTINATION_ROUTES, input)}`);
    const otherTable = tableOf(input.routeType === "dbr" ? "pbr" : "dbr");
    const other = input.publishVpc ? [] : otherTable.filter((r) => r.routeDest === input.routeDest);
    for (const entry of [...named, ...other]) entry.published = input.publishVpc;
    return {};
  },
});
