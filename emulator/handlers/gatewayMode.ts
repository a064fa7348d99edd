/**
 * What a gateway in dual-tunnel mode (created with a DisasterRecoveryVSwitchId) does differently: the
 * Modify*Weight actions answer success and keep the old weight (Alibaba's reference for
 * ModifyVpnRouteEntryWeight, January 2026; the SDK model's remarks for ModifyVpnPbrRouteEntryWeight and
 * ModifyVpnPbrRouteEntryAttribute), and listings name the tunnel a route leaves by.
 */
import { createHash } from "node:crypto";
import type { GatewayRecord } from "../model";

export const TRADITIONAL_GATEWAY = "Traditional";

export const isDualTunnel = (gateway: GatewayRecord): boolean => !!gateway.disasterRecoveryVSwitchId;

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** A stable public address per gateway and tunnel (the emulator allocates none for real). */
export function internetIp(gateway: GatewayRecord, tunnel: 1 | 2): string {
  const d = digest(`${gateway.vpnGatewayId}#${tunnel}`);
  return `47.${d[0]}.${d[1]}.${1 + (d[2] % 254)}`;
}

/** The tunnel of the next hop's dual-tunnel connection that the route uses, stable per route. */
export function nextHopTunnelId(gateway: GatewayRecord, nextHop: string): string {
  return `tun-${digest(`${gateway.vpnGatewayId}#${nextHop}`).toString("hex").slice(0, 20)}`;
}
