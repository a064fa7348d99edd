/**
 * The routes of a `VpnGatewayRoutes` built by the plugin's `construct`: custom resources of this package
 * (`alicloud-vpn:index:VpnRouteEntry`...), which the engine sends to this provider plugin, instead of the
 * dynamic resources a TypeScript program's component makes (their `pulumi-nodejs` provider would look for this
 * package in the consuming program's folder, which a Python or YAML project does not have, pulumi/pulumi#5455).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RouteResource } from "../components/routeStatuses";
import { routeRegistration } from "../provider/resources";
import type { RouteKind, VpnPbrRouteEntryArgs, VpnRouteEntryArgs } from "../provider/types";
import { PBR_ROUTE_ENTRY_TOKEN, ROUTE_ENTRY_TOKEN } from "./tokens";

/** A route served by the plugin; its outputs are those of `VpnRouteEntry` / `VpnPbrRouteEntry`. */
export class PluginRouteEntry extends pulumi.CustomResource implements RouteResource {
  /** `published` or `normal`, as the API reports it. */
  declare readonly state: pulumi.Output<string>;
  /** 100 = active, 0 = standby. */
  declare readonly weight: pulumi.Output<number>;
  /** Whether the route is advertised to the VPC's route table. */
  declare readonly publishVpc: pulumi.Output<boolean>;

  constructor(
    kind: RouteKind,
    name: string,
    args: VpnRouteEntryArgs | VpnPbrRouteEntryArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    // As the dynamic resources register theirs: without the SDK's per-promise stacks (their formatting was the
    // plugin's largest own CPU cost building a table's routes) and with no frame of this package recorded.
    const restore = routeRegistration();
    try {
      super(
        kind === "pbr" ? PBR_ROUTE_ENTRY_TOKEN : ROUTE_ENTRY_TOKEN,
        name,
        // Output-only properties present (undefined) so the engine fills them in.
        { ...args, state: undefined, createTime: undefined, routeEntryType: undefined },
        opts,
      );
    } finally {
      restore();
    }
  }
}
