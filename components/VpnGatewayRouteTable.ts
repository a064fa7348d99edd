/**
 * VpnGatewayRouteTable: one gateway's whole route table as ONE dynamic resource
 * (`pulumi-nodejs:dynamic/alicloud-vpn:VpnGatewayRouteTable`), beside VpnGatewayRoutes (one resource per
 * route). The same route specs and defaults; the routes are passed as maps keyed by each route's identity, so
 * that the engine's diff of the inputs (a dynamic provider returns no detailed diff) names each route that
 * changes: `routes["10.20.0.0/16@vco-..."].weight`. The lifecycle is provider/lifecycle/table.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, VPN_GATEWAY_ROUTE_TABLE_TOKEN } from "../provider/constants";
import { providerText } from "../provider/serialized/providerText";
import type { TableRouteInputs, TableRouteStatus } from "../provider/tableTypes";
import { planRoutes, type PlannedRoute } from "./planRoutes";
import type { GatewayPolicyRouteSpec, GatewayRouteDefaults, GatewayRouteSpec } from "./routeSpecs";

export type { TableRouteStatus } from "../provider/tableTypes";

/** Inputs of `VpnGatewayRouteTable`: the specs and defaults of VpnGatewayRoutesArgs, plus `exclusive`. */
export interface VpnGatewayRouteTableArgs {
  /** The gateway; usually another resource's output. Changing it replaces the table. */
  vpnGatewayId: pulumi.Input<string>;
  /** Changing it replaces the table. @default the provider's region (`alicloud:region`, ALICLOUD_REGION...) */
  region?: pulumi.Input<string>;
  /** Destination routes of the table. @default none */
  routes?: GatewayRouteSpec[];
  /** Policy routes of the table. @default none */
  policyRoutes?: GatewayPolicyRouteSpec[];
  /** Values for the routes that leave them out. @default none */
  defaults?: GatewayRouteDefaults;
  /**
   * Delete the custom routes of the gateway that the table does not declare (never a BGP-learned route).
   * @default false
   */
  exclusive?: pulumi.Input<boolean>;
}

/** A planned route as the table's input map holds it (undefined settings left out). */
function tableRoute(route: PlannedRoute): Record<string, unknown> {
  const value: Record<string, unknown> = {
    routeDest: route.routeDest,
    nextHop: route.nextHop,
    weight: route.weight,
    publishVpc: route.publishVpc,
    description: route.description,
    overlayMode: route.overlayMode,
    routeSource: route.routeSource,
    priority: route.priority,
  };
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/**
 * The table's route maps from its specs and defaults: each route by its key, defaults applied, as the table's
 * inputs hold them. Throws a RouteGroupError naming every problem (planRoutes). The provider plugin's check
 * builds a YAML or Python table's inputs with it too (plugin/routeTable.ts).
 */
export function tableRouteMaps(
  name: string,
  args: VpnGatewayRouteTableArgs,
): {
  routes: Record<string, Record<string, unknown>>;
  policyRoutes: Record<string, Record<string, unknown>>;
} {
  const planned = planRoutes(name, args);
  const byKey = (kind: PlannedRoute["kind"]) =>
    Object.fromEntries(planned.filter((r) => r.kind === kind).map((r) => [r.key, tableRoute(r)]));
  return { routes: byKey("dbr"), policyRoutes: byKey("pbr") };
}

/**
 * One VPN gateway's destination and policy routes as one resource: the engine's cost stays flat in the
 * number of routes, and with `exclusive: true` the table is authoritative. Create and update converge the
 * gateway to the table from one listing, writing only the routes that differ; routes already on the gateway
 * are taken over as they are. ID: the gateway's ID.
 */
export class VpnGatewayRouteTable extends pulumi.CustomResource {
  /** The VPN gateway's ID. */
  declare readonly vpnGatewayId: pulumi.Output<string>;
  /** The region the table lives in: the input, or the configured default. */
  declare readonly region: pulumi.Output<string>;
  /** Destination routes by key (`<routeDest>@<nextHop>`), as the gateway lists them. */
  declare readonly routes: pulumi.Output<Record<string, TableRouteInputs>>;
  /** Policy routes by key (`<routeSource>><routeDest>@<nextHop>`), as the gateway lists them. */
  declare readonly policyRoutes: pulumi.Output<Record<string, TableRouteInputs>>;
  /** Each route's ID (`gw:nextHop:routeDest`, policy routes with the source) and state, by its key. */
  declare readonly statuses: pulumi.Output<Record<string, TableRouteStatus>>;
  /** Whether undeclared custom routes are deleted. */
  declare readonly exclusive: pulumi.Output<boolean | undefined>;
  /** IDs of the routes the table does not declare that the last create or update deleted (exclusive). */
  declare readonly deletedUndeclared: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: VpnGatewayRouteTableArgs, opts?: pulumi.CustomResourceOptions) {
    // The same defaults, keys and table rules as VpnGatewayRoutes (refused here, before any registration).
    const { routes, policyRoutes } = tableRouteMaps(name, args);
    super(
      VPN_GATEWAY_ROUTE_TABLE_TOKEN,
      name,
      {
        vpnGatewayId: args.vpnGatewayId,
        region: args.region,
        routes,
        policyRoutes,
        exclusive: args.exclusive,
        deletedUndeclared: undefined,
        statuses: undefined,
        [PROVIDER_KEY]: providerText("vpnGatewayRouteTable"),
      },
      opts,
    );
  }
}
