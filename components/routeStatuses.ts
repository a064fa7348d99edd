import * as pulumi from "@pulumi/pulumi";
import type { RouteKind } from "../provider";
import type { PlannedRoute } from "./planRoutes";

/** What the component reports of each route, by the route's key. */
export interface GatewayRouteStatus {
  /** The route's ID (`gw:nextHop:routeDest`, policy routes with the source). */
  id: string;
  /** `dbr` (destination route) or `pbr` (policy route). */
  kind: RouteKind;
  /** `published` or `normal`, as the API reports it. */
  state: string;
  /** 100 = active, 0 = standby. */
  weight: number;
  /** Whether the route is advertised to the VPC's route table. */
  published: boolean;
}

/**
 * A route resource as the component reads it: `VpnRouteEntry` / `VpnPbrRouteEntry` (dynamic), or the provider
 * plugin's custom resources of the same outputs (plugin/routeResources.ts).
 */
export interface RouteResource extends pulumi.CustomResource {
  /** `published` or `normal`, as the API reports it. */
  readonly state: pulumi.Output<string>;
  /** 100 = active, 0 = standby. */
  readonly weight: pulumi.Output<number>;
  /** Whether the route is advertised to the VPC's route table. */
  readonly publishVpc: pulumi.Output<boolean>;
}

export interface RouteChild {
  route: PlannedRoute;
  resource: RouteResource;
}

/**
 * Each route's key to its id, state, weight and published flag, as one output. Built from four lists (one per
 * property, across the routes) rather than one combined output per route: every output `pulumi.all` takes is
 * copied into two new ones, so a table of N routes costs about 8N outputs instead of 12N (bench scale,
 * 500 routes: program peak 335 to 320 MiB). Unknown, secret and dependency semantics are those of `pulumi.all`.
 */
export function routeStatuses(children: RouteChild[]): pulumi.Output<Record<string, GatewayRouteStatus>> {
  const column = <T>(pick: (resource: RouteChild["resource"]) => pulumi.Output<T>) =>
    pulumi.all(children.map(({ resource }) => pick(resource)));
  return pulumi
    .all([column((r) => r.id), column((r) => r.state), column((r) => r.weight), column((r) => r.publishVpc)])
    .apply(([ids, states, weights, published]) =>
      Object.fromEntries(
        children.map(({ route }, i): [string, GatewayRouteStatus] => [
          route.key,
          { id: ids[i], kind: route.kind, state: states[i], weight: weights[i], published: published[i] },
        ]),
      ),
    );
}
