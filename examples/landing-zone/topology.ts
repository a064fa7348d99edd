/**
 * The landing zone's route tables as data: two hubs (Hangzhou, Shanghai) meshed with active/standby tunnels,
 * spokes behind each hub, and a branch office whose gateway (in the Shanghai region) reaches the hubs with
 * policy routes. Gateway and connection ids come from stack config, so the same program serves every
 * environment; this module only decides which route goes where.
 */
import type { RouteWeight, VpnGatewayRoutesArgs } from "alicloud-vpn-routes";

export interface GatewayConfig {
  vpnGatewayId: string;
  /** The gateway's region, e.g. `cn-shanghai`. */
  region: string;
}

/** Stack config `gateways`: the VPN gateways by role. */
export interface LandingZoneGateways {
  hubHangzhou: GatewayConfig;
  hubShanghai: GatewayConfig;
  branch: GatewayConfig;
}

/** Stack config `connections`: the IPsec connections (next hops, `vco-...`) by role. */
export interface LandingZoneConnections {
  hzToShPrimary: string;
  hzToShStandby: string;
  shToHzPrimary: string;
  shToHzStandby: string;
  hzToBranch: string;
  shToBranch: string;
  branchToHz: string;
  branchToSh: string;
  onPremises: string;
}

export const HANGZHOU_SPOKES = ["10.10.0.0/16", "10.11.0.0/16", "10.12.0.0/16"];
export const SHANGHAI_SPOKES = ["10.20.0.0/16", "10.21.0.0/16"];
export const BRANCH_LAN = "192.168.50.0/24";
export const BRANCH_VOICE = "192.168.51.0/24";
/** The on-premises data centre behind the Hangzhou hub. */
export const ON_PREMISES = "172.16.0.0/12";

/** API weights: the active route of a destination, and its standby (used when the active tunnel is down). */
export const ACTIVE: RouteWeight = 100;
export const STANDBY: RouteWeight = 0;

/** Component names, one per gateway; they prefix the route resources' names. */
export const TABLE_NAMES = {
  hubHangzhou: "hub-hangzhou",
  hubShanghai: "hub-shanghai",
  branch: "branch-office",
} as const;

/**
 * Each hub reaches the other hub's spokes over a primary tunnel and a standby. The standby is not published to
 * the VPC: the API allows one published active route per destination, and a standby only takes traffic when
 * the primary's tunnel is down.
 */
function activeStandby(spokes: string[], primary: string, standby: string) {
  return spokes.flatMap((routeDest) => [
    { routeDest, nextHop: primary, weight: ACTIVE },
    { routeDest, nextHop: standby, weight: STANDBY, publishVpc: false },
  ]);
}

export function landingZoneTables(
  gw: LandingZoneGateways,
  conn: LandingZoneConnections,
): Record<string, VpnGatewayRoutesArgs> {
  return {
    [TABLE_NAMES.hubHangzhou]: {
      vpnGatewayId: gw.hubHangzhou.vpnGatewayId,
      region: gw.hubHangzhou.region,
      routes: [
        ...activeStandby(SHANGHAI_SPOKES, conn.hzToShPrimary, conn.hzToShStandby),
        { routeDest: BRANCH_LAN, nextHop: conn.hzToBranch, description: "branch office LAN" },
      ],
    },
    [TABLE_NAMES.hubShanghai]: {
      vpnGatewayId: gw.hubShanghai.vpnGatewayId,
      region: gw.hubShanghai.region,
      routes: [
        ...activeStandby(HANGZHOU_SPOKES, conn.shToHzPrimary, conn.shToHzStandby),
        // The branch LAN is reached through Hangzhou first; this direct tunnel is the standby.
        { routeDest: BRANCH_LAN, nextHop: conn.shToBranch, weight: STANDBY, publishVpc: false },
      ],
    },
    [TABLE_NAMES.branch]: {
      vpnGatewayId: gw.branch.vpnGatewayId,
      region: gw.branch.region,
      // The branch sends its LAN through Hangzhou and its voice VLAN straight to Shanghai, by source address.
      policyRoutes: [
        ...HANGZHOU_SPOKES.map((routeDest) => ({
          routeSource: BRANCH_LAN,
          routeDest,
          nextHop: conn.branchToHz,
          priority: 10,
        })),
        ...SHANGHAI_SPOKES.map((routeDest) => ({
          routeSource: BRANCH_LAN,
          routeDest,
          nextHop: conn.branchToHz,
          priority: 20,
        })),
        ...SHANGHAI_SPOKES.map((routeDest) => ({
          routeSource: BRANCH_VOICE,
          routeDest,
          nextHop: conn.branchToSh,
          priority: 5,
        })),
      ],
    },
  };
}
