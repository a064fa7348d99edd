import type { VpcApiError } from "../api/errors";

/** create() named a next hop that is not one of the gateway's IPsec connections. */
export class NextHopNotFoundError extends Error {
  override readonly name = "NextHopNotFoundError" as const;

  constructor(routeId: string, nextHop: string, vpnGatewayId: string, region: string, cause: VpcApiError) {
    super(
      `The route ${routeId} cannot be created: its next hop ${nextHop} is not an IPsec connection of VPN gateway ` +
        `${vpnGatewayId} in ${region}. Set nextHop to the ID of one of the gateway's IPsec connections ` +
        `(vco-..., listed in the VPN Gateway console under IPsec Connections), or create that connection first. ` +
        `(${cause.code}, RequestId ${cause.requestId ?? "none"})`,
      { cause },
    );
  }
}
