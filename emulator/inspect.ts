/** Snapshots of the emulator's state for tests, in the API's own field names. */
import type { GatewayRecord, RouteRecord } from "./model";
import { gatewayStatus } from "./handlers/actions";
import { CLOUD_SOURCE, CUSTOM_ROUTE, entryView } from "./handlers/routeTables";

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
  return g.routes.map((r) => routeOf(g, r));
}

export function pbrRoutesOf(g: GatewayRecord): EmulatorPbrRoute[] {
  return g.pbrRoutes.map((r) => ({ ...routeOf(g, r), RouteSource: r.routeSource, Priority: r.priority }));
}

function routeOf(g: GatewayRecord, r: RouteRecord): EmulatorRoute {
  return {
    ...entryView(g, r),
    Description: r.description,
    OverlayMode: r.overlayMode,
    RouteEntryType: CUSTOM_ROUTE,
    Source: CLOUD_SOURCE,
  };
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
