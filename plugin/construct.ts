/**
 * `construct` of `alicloud-vpn:index:VpnGatewayRoutes`: the TypeScript component itself (its checks, child
 * names, order and pacing, outputs), with the plugin's custom resources as its routes.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { VpnGatewayRoutes } from "../components/VpnGatewayRoutes";
import type { VpnGatewayRoutesArgs } from "../components/routeSpecs";
import type { RouteResource } from "../components/routeStatuses";
import type { RouteKind, VpnPbrRouteEntryArgs, VpnRouteEntryArgs } from "../provider/types";
import { PluginRouteEntry } from "./routeResources";
import { GATEWAY_ROUTES_TOKEN, PACKAGE_NAME } from "./tokens";

/** The component whose routes are this package's custom resources. */
export class PluginGatewayRoutes extends VpnGatewayRoutes {
  protected override routeResource(
    kind: RouteKind,
    name: string,
    args: VpnRouteEntryArgs | VpnPbrRouteEntryArgs,
    options: pulumi.CustomResourceOptions,
  ): RouteResource {
    return new PluginRouteEntry(kind, name, args, options);
  }
}

export async function construct(
  name: string,
  type: string,
  inputs: pulumi.Inputs,
  options: pulumi.ComponentResourceOptions,
): Promise<provider.ConstructResult> {
  if (type !== GATEWAY_ROUTES_TOKEN) {
    throw new Error(`${PACKAGE_NAME} has no component of type "${type}": it serves ${GATEWAY_ROUTES_TOKEN}.`);
  }
  const component = new PluginGatewayRoutes(name, inputs as unknown as VpnGatewayRoutesArgs, options);
  return {
    urn: component.urn,
    state: {
      routes: component.routes,
      routeCount: component.routeCount,
      policyRouteCount: component.policyRouteCount,
      vpnGatewayId: component.vpnGatewayId,
    },
  };
}
