/** The emulator's own records (never the client's types: the two must not hide each other's mistakes). */
import type { BusinessStatus, GatewayType } from "./options";

export interface RouteRecord {
  routeDest: string;
  nextHop: string;
  weight: number;
  published: boolean;
  createTime: number;
  description?: string;
  overlayMode: string;
}

export interface PbrRouteRecord extends RouteRecord {
  routeSource: string;
  priority: number;
}

export interface GatewayRecord {
  vpnGatewayId: string;
  regionId: string;
  accountId: string;
  /** Status when no change is being applied. */
  baseStatus: string;
  businessStatus: BusinessStatus;
  routeQuota: number;
  vpcId: string;
  /** Absent in state files written before it existed: derived from the gateway ID then. */
  vSwitchId?: string;
  /** Set on gateways in dual-tunnel mode. */
  disasterRecoveryVSwitchId?: string;
  /** @default Traditional (state files written before it existed) */
  gatewayType?: GatewayType;
  /** The gateway's IPsec connections; absent: any `vco-` ID counts as one (see CHOICES.md). */
  vpnConnections?: string[];
  createTime: number;
  /** The gateway reports `updating` while the clock is before this instant. */
  busyUntil: number;
  routes: RouteRecord[];
  pbrRoutes: PbrRouteRecord[];
  /**
   * Destination routes learned over BGP: listed only with RouteEntryType=bgp (Source VPN_BGP), never matched
   * by the custom routes' write actions. Absent in state files written before it existed.
   */
  bgpRoutes?: RouteRecord[];
}

export interface ClientTokenRecord {
  action: string;
  token: string;
  /** The action's own parameters, sorted, as sent. */
  fingerprint: string;
  response: Record<string, unknown>;
  time: number;
}

export type RouteTable = "dbr" | "pbr";
