/**
 * The gateway itself: DescribeVpnGateway, and what a gateway in dual-tunnel mode (created with a
 * DisasterRecoveryVSwitchId) does differently: the Modify*Weight actions answer success and keep the old
 * weight (Alibaba's reference for ModifyVpnRouteEntryWeight, January 2026; the SDK model's remarks for
 * ModifyVpnPbrRouteEntryWeight and ModifyVpnPbrRouteEntryAttribute), and listings name the tunnel a route
 * leaves by.
 */
import { createHash } from "node:crypto";
import type { GatewayRecord } from "../model";
import { gatewayStatus, namedGateway, type ReadAction } from "./actions";

const TRADITIONAL_GATEWAY = "Traditional";

export const isDualTunnel = (gateway: GatewayRecord): boolean => !!gateway.disasterRecoveryVSwitchId;

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** A stable public address per gateway and tunnel (the emulator allocates none for real). */
function internetIp(gateway: GatewayRecord, tunnel: 1 | 2): string {
  const d = digest(`${gateway.vpnGatewayId}#${tunnel}`);
  return `47.${d[0]}.${d[1]}.${1 + (d[2] % 254)}`;
}

/** The tunnel of the next hop's dual-tunnel connection that the route uses, stable per route. */
export function nextHopTunnelId(gateway: GatewayRecord, nextHop: string): string {
  return `tun-${digest(`${gateway.vpnGatewayId}#${nextHop}`).toString("hex").slice(0, 20)}`;
}

/** The gateway's feature flags as the API reports them, a JSON string; PbrPriority means priorities work. */
const GATEWAY_TAG = JSON.stringify({
  VpnEnableBgp: "true",
  VisuallySsl: "true",
  PbrPriority: "true",
  VpnNewImage: "true",
});

/** The SDK model's value for pay-as-you-go on the international site. */
const CHARGE_TYPE = "POSTPAY";

/**
 * DescribeVpnGateway: the fields a route client needs (Status, BusinessStatus, VpcId, Tag with PbrPriority,
 * and DisasterRecoveryVSwitchId / DisasterRecoveryInternetIp, which only dual-tunnel gateways report), with
 * the names and values of the SDK model (`DescribeVpnGatewayResponseBody`, @alicloud/vpc20160428 7.3.2).
 */
export const describeVpnGateway: ReadAction = {
  kind: "read",
  run(ctx) {
    const gateway = namedGateway(ctx);
    const dualTunnel = isDualTunnel(gateway);
    return {
      VpnGatewayId: gateway.vpnGatewayId,
      VpcId: gateway.vpcId,
      VSwitchId: gateway.vSwitchId ?? gateway.vpnGatewayId.replace(/^vpn-/, "vsw-"),
      InternetIp: internetIp(gateway, 1),
      // "Returned only for VPN gateway instances that support dual-tunnel IPsec-VPN connections."
      ...(dualTunnel
        ? {
            DisasterRecoveryVSwitchId: gateway.disasterRecoveryVSwitchId,
            DisasterRecoveryInternetIp: internetIp(gateway, 2),
          }
        : {}),
      Name: gateway.vpnGatewayId,
      Description: "",
      Status: gatewayStatus(gateway, ctx.now),
      BusinessStatus: gateway.businessStatus,
      CreateTime: gateway.createTime,
      Spec: "10M",
      ChargeType: CHARGE_TYPE,
      NetworkType: "public",
      VpnType: "Normal",
      GatewayType: gateway.gatewayType ?? TRADITIONAL_GATEWAY,
      IpsecVpn: "enable",
      SslVpn: "disable",
      EnableBgp: false,
      AutoPropagate: false,
      Tag: GATEWAY_TAG,
      Tags: { Tag: [] },
    };
  },
};
