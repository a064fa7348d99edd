import type { VpcClient } from "../api/client";
import { SingleFlight } from "../api/singleFlight";
import { gatewayKey } from "./listing";

/**
 * Whether each gateway is in dual-tunnel mode (DescribeVpnGateway reports a DisasterRecoveryVSwitchId),
 * asked once per gateway and process: on such a gateway Modify*Weight succeeds and keeps the old weight
 * (Alibaba's reference for ModifyVpnRouteEntryWeight, January 2026), so a weight changes only by replacing
 * the route. A gateway's mode is fixed when it is created.
 */
export class GatewayModes {
  private readonly known = new Map<string, boolean>();
  private readonly flights = new SingleFlight<boolean>();

  async isDualTunnel(client: VpcClient, region: string, vpnGatewayId: string): Promise<boolean> {
    const key = gatewayKey(region, vpnGatewayId);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const dual = await this.flights.do(key, async () => {
      const gateway = await client.describeVpnGateway({ RegionId: region, VpnGatewayId: vpnGatewayId });
      return !!gateway.DisasterRecoveryVSwitchId;
    });
    this.known.set(key, dual);
    return dual;
  }
}
