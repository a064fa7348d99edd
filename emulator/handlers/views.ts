/** Records turned into the API's response shapes (field names and types as the official SDK models). */
import type { GatewayRecord, PbrRouteRecord, RouteRecord } from "../model";
import { isDualTunnel, nextHopTunnelId } from "./gatewayMode";

export const PUBLISHED = "published";
export const NORMAL = "normal";
export const CUSTOM_ROUTE = "custom";
export const CLOUD_SOURCE = "CLOUD";

export const stateOf = (r: RouteRecord): string => (r.published ? PUBLISHED : NORMAL);

/**
 * One entry of DescribeVpnRouteEntries (no Description: listings do not carry it). A dual-tunnel gateway
 * names the tunnel of the next hop's connection too (NextHopTunnelId in the SDK model).
 */
export function dbrListing(gateway: GatewayRecord, r: RouteRecord): Record<string, unknown> {
  return {
    VpnInstanceId: gateway.vpnGatewayId,
    RouteDest: r.routeDest,
    NextHop: r.nextHop,
    ...(isDualTunnel(gateway) ? { NextHopTunnelId: nextHopTunnelId(gateway, r.nextHop) } : {}),
    Weight: r.weight,
    State: stateOf(r),
    CreateTime: r.createTime,
    RouteEntryType: CUSTOM_ROUTE,
    Source: CLOUD_SOURCE,
  };
}

/** One entry of DescribeVpnPbrRouteEntries. */
export function pbrListing(gateway: GatewayRecord, r: PbrRouteRecord): Record<string, unknown> {
  return {
    VpnInstanceId: gateway.vpnGatewayId,
    RouteSource: r.routeSource,
    RouteDest: r.routeDest,
    NextHop: r.nextHop,
    Weight: r.weight,
    Priority: r.priority,
    State: stateOf(r),
    CreateTime: r.createTime,
  };
}

/** The body of CreateVpnRouteEntry. */
export function dbrCreated(gateway: GatewayRecord, r: RouteRecord): Record<string, unknown> {
  return {
    RouteDest: r.routeDest,
    VpnInstanceId: gateway.vpnGatewayId,
    OverlayMode: r.overlayMode,
    State: stateOf(r),
    Weight: r.weight,
    CreateTime: r.createTime,
    NextHop: r.nextHop,
    Description: r.description ?? "",
  };
}

/** The body of CreateVpnPbrRouteEntry. */
export function pbrCreated(gateway: GatewayRecord, r: PbrRouteRecord): Record<string, unknown> {
  return { ...dbrCreated(gateway, r), RouteSource: r.routeSource, Priority: r.priority };
}
