/**
 * DescribeVpnGateway: the fields a route client needs (Status, BusinessStatus, VpcId, Tag with PbrPriority,
 * and DisasterRecoveryVSwitchId / DisasterRecoveryInternetIp, which only dual-tunnel gateways report), with
 * the names and values of the SDK model (`DescribeVpnGatewayResponseBody`, @alicloud/vpc20160428 7.3.2).
 */
import type { ReadAction } from "./context";
import { gatewayRef, gatewayStatus, regionStore, resolveGateway } from "./gatewayAccess";
import { internetIp, isDualTunnel, TRADITIONAL_GATEWAY } from "./gatewayMode";

/** The gateway's feature flags as the API reports them, a JSON string; PbrPriority means priorities work. */
export const GATEWAY_TAG = JSON.stringify({
  VpnEnableBgp: "true",
  VisuallySsl: "true",
  PbrPriority: "true",
  VpnNewImage: "true",
});

/** The SDK model's value for pay-as-you-go on the international site. */
export const CHARGE_TYPE = "POSTPAY";

export const describeVpnGateway: ReadAction = {
  kind: "read",
  run(ctx) {
    const ref = gatewayRef(ctx);
    const gateway = resolveGateway(ctx.stores, regionStore(ctx, ref), ref.vpnGatewayId);
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
