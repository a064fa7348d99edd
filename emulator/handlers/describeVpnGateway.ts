/** DescribeVpnGateway: the fields a route client needs (Status, BusinessStatus, VpcId, Tag with PbrPriority). */
import type { ReadAction } from "./context";
import { gatewayRef, gatewayStatus, regionStore, resolveGateway } from "./gatewayAccess";

/** The gateway's feature flags as the API reports them, a JSON string; PbrPriority means priorities work. */
export const GATEWAY_TAG = JSON.stringify({
  VpnEnableBgp: "true",
  VisuallySsl: "true",
  PbrPriority: "true",
  VpnNewImage: "true",
});

export const describeVpnGateway: ReadAction = {
  kind: "read",
  run(ctx) {
    const ref = gatewayRef(ctx);
    const gateway = resolveGateway(ctx.stores, regionStore(ctx, ref), ref.vpnGatewayId);
    return {
      VpnGatewayId: gateway.vpnGatewayId,
      VpcId: gateway.vpcId,
      Name: gateway.vpnGatewayId,
      Description: "",
      Status: gatewayStatus(gateway, ctx.now),
      BusinessStatus: gateway.businessStatus,
      CreateTime: gateway.createTime,
      Spec: "10M",
      ChargeType: "PayByTraffic",
      NetworkType: "public",
      VpnType: "Normal",
      GatewayType: "Normal",
      IpsecVpn: "enable",
      SslVpn: "disable",
      EnableBgp: false,
      AutoPropagate: false,
      Tag: GATEWAY_TAG,
      Tags: { Tag: [] },
    };
  },
};
