/** Snapshots of the emulator's state for tests, in the API's own field names. */
import type { GatewayRecord } from "./model";
import { gatewayStatus } from "./handlers/gatewayAccess";
import { CLOUD_SOURCE, CUSTOM_ROUTE, stateOf } from "./handlers/views";

export interface EmulatorRoute {
  VpnInstanceId: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
  State: string;
  CreateTime: number;
  Description?: string;
  OverlayMode: string;
  RouteEntryType: string;
  Source: string;
}

export interface EmulatorPbrRoute extends EmulatorRoute {
  RouteSource: string;
  Priority: number;
}

export interface EmulatorGatewayState {
  VpnGatewayId: string;
  RegionId: string;
  AccountId: string;
  Status: string;
  BusinessStatus: string;
  VpcId: string;
  RouteQuota: number;
  /** Clock time until which the gateway reports `updating`. */
  BusyUntil: number;
}

export function routesOf(g: GatewayRecord): EmulatorRoute[] {
  return g.routes.map((r) => ({
    VpnInstanceId: g.vpnGatewayId,
    RouteDest: r.routeDest,
    NextHop: r.nextHop,
    Weight: r.weight,
    State: stateOf(r),
    CreateTime: r.createTime,
    Description: r.description,
    OverlayMode: r.overlayMode,
    RouteEntryType: CUSTOM_ROUTE,
    Source: CLOUD_SOURCE,
  }));
}

export function pbrRoutesOf(g: GatewayRecord): EmulatorPbrRoute[] {
  return g.pbrRoutes.map((r) => ({
    VpnInstanceId: g.vpnGatewayId,
    RouteSource: r.routeSource,
    RouteDest: r.routeDest,
    NextHop: r.nextHop,
    Weight: r.weight,
    Priority: r.priority,
    State: stateOf(r),
    CreateTime: r.createTime,
    Description: r.description,
    OverlayMode: r.overlayMode,
    RouteEntryType: CUSTOM_ROUTE,
    Source: CLOUD_SOURCE,
  }));
}

export function gatewayStateOf(g: GatewayRecord, now: number): EmulatorGatewayState {
  return {
    VpnGatewayId: g.vpnGatewayId,
    RegionId: g.regionId,
    AccountId: g.accountId,
    Status: gatewayStatus(g, now),
    BusinessStatus: g.businessStatus,
    VpcId: g.vpcId,
    RouteQuota: g.routeQuota,
    BusyUntil: g.busyUntil,
  };
}
