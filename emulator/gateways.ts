/** Gateways from options, and the defaults a bare `startEmulator()` serves. */
import { DEFAULT_ROUTE_QUOTA } from "./constants";
import type { GatewayRecord } from "./model";
import type { EmulatorGateway } from "./options";

export const DEFAULT_REGION = "cn-hangzhou";

export const DEFAULT_GATEWAYS: readonly EmulatorGateway[] = [
  { vpnGatewayId: "vpn-emu00000000000000001", regionId: DEFAULT_REGION, vpcId: "vpc-emu00000000000000001" },
  { vpnGatewayId: "vpn-emu00000000000000002", regionId: DEFAULT_REGION, vpcId: "vpc-emu00000000000000001" },
];

export function gatewayRecord(g: EmulatorGateway, defaultAccountId: string, now: number): GatewayRecord {
  if (!g.vpnGatewayId || !g.regionId) throw new Error("a gateway needs vpnGatewayId and regionId");
  return {
    vpnGatewayId: g.vpnGatewayId,
    regionId: g.regionId,
    accountId: g.accountId ?? defaultAccountId,
    baseStatus: g.status ?? "active",
    businessStatus: g.businessStatus ?? "Normal",
    routeQuota: g.routeQuota ?? DEFAULT_ROUTE_QUOTA,
    vpcId: g.vpcId ?? g.vpnGatewayId.replace(/^vpn-/, "vpc-"),
    createTime: now,
    busyUntil: 0,
    routes: [],
    pbrRoutes: [],
  };
}
