import * as pulumi from "@pulumi/pulumi";
import { VPN_ROUTE_ENTRY_TYPE } from "./constants";
import vpnRouteEntryProvider = require("./serialized/vpnRouteEntry");
import { RouteEntryResource } from "./routeEntryResource";
import type { VpnRouteEntryArgs } from "./types";

export { vpnRouteEntryProvider };
export type { VpnRouteEntryArgs } from "./types";

/**
 * A destination-based route of a VPN gateway (`pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry`).
 * ID: `vpnGatewayId:nextHop:routeDest`, as terraform and `@pulumi/alicloud` write it.
 */
export class VpnRouteEntry extends RouteEntryResource {
  constructor(name: string, args: VpnRouteEntryArgs, opts?: pulumi.CustomResourceOptions) {
    super(vpnRouteEntryProvider, VPN_ROUTE_ENTRY_TYPE, name, args, opts);
  }
}
