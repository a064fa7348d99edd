/**
 * The landing zone's route tables as data: two hubs (Hangzhou, Shanghai) meshed with active/standby tunnels,
 * spokes behind each hub, and a branch office in Beijing that reaches the hubs with policy routes.
 * Gateway and connection ids come from stack config, so the same program serves every environment.
 */
import type { VpnGatewayRoutesArgs } from "alicloud-vpn-routes";

export interface GatewayConfig {
  vpnGatewayId: string;
  region: string;
}

/** Stack config `gateways`: the VPN gateways by role. */
export interface LandingZoneGateways {
  hubHangzhou: GatewayConfig;
  hubShanghai: GatewayConfig;
  branchBeijing: GatewayConfig;
}

/** Stack config `connections`: the IPsec connections (next hops) by role. */
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

/** Each hub reaches the other hub's spokes over a primary tunnel (weight 100) and a standby (weight 0). */
function activeStandby(spokes: string[], primary: string, standby: string) {
  return spokes.flatMap((routeDest) => [
    { routeDest, nextHop: primary, weight: 100 },
    { routeDest, nextHop: standby, weight: 0, publishVpc: false },
  ]);
}

export function landingZoneTables(
  gw: LandingZoneGateways,
  conn: LandingZoneConnections,
): Record<string, VpnGatewayRoutesArgs> {
  return {
    "hub-hangzhou": {
      vpnGatewayId: gw.hubHangzhou.vpnGatewayId,
      region: gw.hubHangzhou.region,
      routes: [
        ...activeStandby(SHANGHAI_SPOKES, conn.hzToShPrimary, conn.hzToShStandby),
        { routeDest: BRANCH_LAN, nextHop: conn.hzToBranch, description: "Beijing branch LAN" },
      ],
    },
    "hub-shanghai": {
      vpnGatewayId: gw.hubShanghai.vpnGatewayId,
      region: gw.hubShanghai.region,
      routes: [
        ...activeStandby(HANGZHOU_SPOKES, conn.shToHzPrimary, conn.shToHzStandby),
        { routeDest: BRANCH_LAN, nextHop: conn.shToBranch, weight: 0, publishVpc: false },
      ],
    },
    "branch-beijing": {
      vpnGatewayId: gw.branchBeijing.vpnGatewayId,
      region: gw.branchBeijing.region,
      // The branch sends its LAN to Hangzhou and its voice VLAN to Shanghai, whatever the destination.
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
