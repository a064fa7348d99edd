/** Gateways from options, and the defaults a bare `startEmulator()` serves. */
import { DEFAULT_ROUTE_QUOTA } from "./constants";
import type { GatewayRecord } from "./model";
import type { EmulatorGateway } from "./options";

/** The region of the default gateways. */
export const DEFAULT_REGION = "cn-hangzhou";
const TRADITIONAL = "Traditional";
const ENHANCED = "Enhanced.SiteToSite";

/** The IPsec connections of the default gateways (each gateway has both). */
export const DEFAULT_VPN_CONNECTIONS: readonly string[] = [
  "vco-emu00000000000000001",
  "vco-emu00000000000000002",
];

/** The two gateways a bare `startEmulator()` serves, in cn-hangzhou, with two IPsec connections each. */
export const DEFAULT_GATEWAYS: readonly EmulatorGateway[] = [
  {
    vpnGatewayId: "vpn-emu00000000000000001",
    regionId: DEFAULT_REGION,
    vpcId: "vpc-emu00000000000000001",
    vpnConnections: [...DEFAULT_VPN_CONNECTIONS],
  },
  {
    vpnGatewayId: "vpn-emu00000000000000002",
    regionId: DEFAULT_REGION,
    vpcId: "vpc-emu00000000000000001",
    vpnConnections: [...DEFAULT_VPN_CONNECTIONS],
  },
];

export function gatewayRecord(
  g: EmulatorGateway,
  defaultAccountId: string,
  now: number,
  defaultRouteQuota = DEFAULT_ROUTE_QUOTA,
): GatewayRecord {
  if (!g.vpnGatewayId || !g.regionId) throw new Error("a gateway needs vpnGatewayId and regionId");
  const gatewayType = g.gatewayType ?? TRADITIONAL;
  if (gatewayType !== TRADITIONAL && gatewayType !== ENHANCED) {
    throw new Error(`gateway ${g.vpnGatewayId}: gatewayType must be ${TRADITIONAL} or ${ENHANCED}`);
  }
  // Enhanced gateways take only dual-tunnel connections (CreateEnhancedVpnGateway needs both vSwitches).
  if (gatewayType === ENHANCED && !g.disasterRecoveryVSwitchId) {
    throw new Error(`gateway ${g.vpnGatewayId}: an ${ENHANCED} gateway needs disasterRecoveryVSwitchId`);
  }
  return {
    vpnGatewayId: g.vpnGatewayId,
    regionId: g.regionId,
    accountId: g.accountId ?? defaultAccountId,
    baseStatus: g.status ?? "active",
    businessStatus: g.businessStatus ?? "Normal",
    routeQuota: g.routeQuota ?? defaultRouteQuota,
    vpcId: g.vpcId ?? g.vpnGatewayId.replace(/^vpn-/, "vpc-"),
    vSwitchId: g.vSwitchId ?? g.vpnGatewayId.replace(/^vpn-/, "vsw-"),
    ...(g.disasterRecoveryVSwitchId ? { disasterRecoveryVSwitchId: g.disasterRecoveryVSwitchId } : {}),
    gatewayType,
    ...(g.vpnConnections ? { vpnConnections: [...g.vpnConnections] } : {}),
    createTime: now,
    busyUntil: 0,
    routes: [],
    pbrRoutes: [],
  };
}
