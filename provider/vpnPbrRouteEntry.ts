import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE, VPN_PBR_ROUTE_ENTRY_TYPE } from "./constants";
import { vpnPbrRouteEntryProvider } from "./resourceProviders";
import type { VpnPbrRouteEntryArgs } from "./types";

export { vpnPbrRouteEntryProvider } from "./resourceProviders";
export type { VpnPbrRouteEntryArgs } from "./types";

/**
 * A policy-based route of a VPN gateway (`pulumi-nodejs:dynamic/alicloud-vpn:VpnPbrRouteEntry`).
 * ID: `vpnGatewayId:nextHop:routeSource:routeDest`, as terraform and `@pulumi/alicloud` write it.
 */
export class VpnPbrRouteEntry extends pulumi.dynamic.Resource {
  declare readonly vpnGatewayId: pulumi.Output<string>;
  declare readonly routeSource: pulumi.Output<string>;
  declare readonly routeDest: pulumi.Output<string>;
  declare readonly nextHop: pulumi.Output<string>;
  declare readonly weight: pulumi.Output<number>;
  declare readonly publishVpc: pulumi.Output<boolean>;
  /** 1-100, smaller wins (10 when not set). */
  declare readonly priority: pulumi.Output<number>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly overlayMode: pulumi.Output<string | undefined>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The region the route lives in: the input, or the configured default. */
  declare readonly region: pulumi.Output<string>;
  /** `published` or `normal`, as the API reports it. */
  declare readonly state: pulumi.Output<string>;
  /** Milliseconds since the epoch, as the API reports it. */
  declare readonly createTime: pulumi.Output<number>;
  declare readonly routeEntryType: pulumi.Output<string | undefined>;
  declare readonly vpnInstanceId: pulumi.Output<string>;

  constructor(name: string, args: VpnPbrRouteEntryArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      vpnPbrRouteEntryProvider,
      name,
      {
        priority: undefined,
        description: undefined,
        overlayMode: undefined,
        region: undefined,
        adopt: undefined,
        ...args,
        // Output-only properties: present (undefined) so the engine fills them in.
        state: undefined,
        createTime: undefined,
        routeEntryType: undefined,
        vpnInstanceId: undefined,
      },
      opts,
      RESOURCE_MODULE,
      VPN_PBR_ROUTE_ENTRY_TYPE,
    );
  }
}
