import * as pulumi from "@pulumi/pulumi";
import { VPN_PBR_ROUTE_ENTRY_TYPE } from "./constants";
import vpnPbrRouteEntryProvider = require("./serialized/vpnPbrRouteEntry");
import { RouteEntryResource } from "./routeEntryResource";
import type { VpnPbrRouteEntryArgs } from "./types";

export { vpnPbrRouteEntryProvider };
export type { VpnPbrRouteEntryArgs } from "./types";

/**
 * A policy-based route of a VPN gateway (`pulumi-nodejs:dynamic/alicloud-vpn:VpnPbrRouteEntry`).
 * ID: `vpnGatewayId:nextHop:routeSource:routeDest`, as terraform and `@pulumi/alicloud` write it.
 */
export class VpnPbrRouteEntry extends RouteEntryResource {
  declare readonly routeSource: pulumi.Output<string>;
  /** 1-100, smaller wins (10 when not set). */
  declare readonly priority: pulumi.Output<number>;

  constructor(name: string, args: VpnPbrRouteEntryArgs, opts?: pulumi.CustomResourceOptions) {
    super(vpnPbrRouteEntryProvider, VPN_PBR_ROUTE_ENTRY_TYPE, name, { priority: undefined, ...args }, opts);
  }
}
