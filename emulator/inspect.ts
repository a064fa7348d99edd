/** Snapshots of the emulator's state for tests, in the API's own field names. */
import type { GatewayRecord, RouteRecord } from "./model";
import { gatewayStatus } from "./handlers/actions";
import { CLOUD_SOURCE, CUSTOM_ROUTE, entryView } from "./handlers/routeTables";

/** A destination route as the emulator holds it, in the API's field names (`DescribeVpnRouteEntries`). */
export interface EmulatorRoute {
  /** The gateway the route is on. */
  VpnInstanceId: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection the traffic goes to. */
  NextHop: string;
  /** 100 active, 0 standby. */
  Weight: number;
  /** `published` (advertised to the VPC) or `normal`. */
  State: string;
  /** Creation time, milliseconds since the epoch. */
  CreateTime: number;
  /** The route's description, when it has one. */
  Description?: string;
  /** `Ipsec`. */
  OverlayMode: string;
  /** `custom` for every route made through the API. */
  RouteEntryType: string;
  /** Where the route came from, as the API reports it. */
  Source: string;
}

/** A policy route as the emulator holds it: a destination route's fields plus its source and priority. */
export interface EmulatorPbrRoute extends EmulatorRoute {
  /** Source CIDR block. */
  RouteSource: string;
  /** 1-100, a smaller number wins. */
  Priority: number;
}

/** A gateway as the emulator holds it, in the API's field names (`DescribeVpnGateway`). */
export interface EmulatorGatewayState {
  /** The gateway's ID. */
  VpnGatewayId: string;
  /** Its region. */
  RegionId: string;
  /** The account that owns it. */
  AccountId: string;
  /** `active`, or `updating` while a write applies (and what drift set). */
  Status: string;
  /** `Normal`, or a financial lock that refuses writes. */
  BusinessStatus: string;
  /** The VPC the gateway is attached to. */
  VpcId: string;
  /** Routes the gateway takes per table. */
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
