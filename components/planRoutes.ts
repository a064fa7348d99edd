import * as pulumi from "@pulumi/pulumi";
import type { RouteKind, RouteWeight } from "../provider/types";
import { tableProblems } from "../provider/validation/tableRules";
import { childName, policyRouteKey, routeKey } from "./routeKeys";
import {
  DEFAULT_PRIORITY,
  DEFAULT_PUBLISH_VPC,
  DEFAULT_WEIGHT,
  GatewayPolicyRouteSpec,
  GatewayRouteSpec,
  VpnGatewayRoutesArgs,
} from "./routeSpecs";

/** A route of the table with its defaults applied and its stable key. */
export interface PlannedRoute {
  /** `dbr` (destination route) or `pbr` (policy route). */
  kind: RouteKind;
  /** The route's key in the table: its child's name after the component's. */
  key: string;
  /** Where the user wrote it, for messages: `routes[2]`. */
  where: string;
  /** Source CIDR block of a policy route, e.g. `192.168.0.0/24`. */
  routeSource?: string;
  /** Destination CIDR block, e.g. `10.0.0.0/24`. */
  routeDest: string;
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. */
  nextHop: pulumi.Input<string>;
  /** 100 = active, 0 = standby. */
  weight: RouteWeight;
  /** Whether the route is advertised to the VPC's route table. */
  publishVpc: boolean;
  /** Policy routes: 1-100, a smaller number wins. */
  priority?: number;
  /** The route's description (1-100 characters). */
  description?: string;
  /** Only `Ipsec`. */
  overlayMode?: string;
}

/**
 * Every problem of a route table at once, so one preview shows them all. A ResourceError with its stack hidden:
 * the Node runtime (@pulumi/pulumi cmd/run) prints other errors as "failed with an unhandled exception" with a
 * stack trace, which reads as a crash of this package, not as a mistake in the table.
 */
export class RouteGroupError extends pulumi.ResourceError {
  /** Always `RouteGroupError`. */
  override readonly name = "RouteGroupError";
  constructor(
    /** The component's name. */
    readonly component: string,
    /** Every problem found, one sentence each. */
    readonly problems: string[],
    /** The component the error is reported against. @default none */
    resource?: pulumi.Resource,
  ) {
    super(
      `VpnGatewayRoutes "${component}" has ${problems.length} problem(s) in its route table:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
      resource,
      true,
    );
  }
}

function plan(
  kind: RouteKind,
  list: string,
  specs: (GatewayRouteSpec | GatewayPolicyRouteSpec)[],
  args: VpnGatewayRoutesArgs,
  problems: string[],
): PlannedRoute[] {
  const planned: PlannedRoute[] = [];
  specs.forEach((spec, i) => {
    const where = `${list}[${i}]`;
    const routeSource = "routeSource" in spec ? spec.routeSource : undefined;
    const nextHop = spec.nextHop ?? args.defaults?.nextHop;
    if (nextHop === undefined || nextHop === "") {
      problems.push(
        `${where} (${spec.routeDest}) has no nextHop: set nextHop on the route or defaults.nextHop.`,
      );
      return;
    }
    let key = spec.key;
    if (key === undefined) {
      if (typeof nextHop !== "string") {
        problems.push(
          `${where} (${spec.routeDest}) takes its nextHop from another resource, so it cannot be named by it: ` +
            `give the route a stable "key" (e.g. "${spec.routeDest}-primary").`,
        );
        return;
      }
      key =
        routeSource === undefined
          ? routeKey(spec.routeDest, nextHop)
          : policyRouteKey(routeSource, spec.routeDest, nextHop);
    }
    planned.push({
      kind,
      key,
      where,
      routeSource,
      routeDest: spec.routeDest,
      nextHop,
      weight: spec.weight ?? args.defaults?.weight ?? DEFAULT_WEIGHT,
      publishVpc: spec.publishVpc ?? args.defaults?.publishVpc ?? DEFAULT_PUBLISH_VPC,
      priority: kind === "pbr" ? ((spec as GatewayPolicyRouteSpec).priority ?? DEFAULT_PRIORITY) : undefined,
      description: spec.description,
      overlayMode: "overlayMode" in spec ? spec.overlayMode : undefined,
    });
  });
  return planned;
}

/**
 * Applies defaults, gives every route its key, and refuses a table the gateway would not take (a
 * RouteGroupError reported against `component` when given).
 */
export function planRoutes(
  componentName: string,
  args: VpnGatewayRoutesArgs,
  component?: pulumi.Resource,
): PlannedRoute[] {
  const problems: string[] = [];
  const routes = [
    ...plan("dbr", "routes", args.routes ?? [], args, problems),
    ...plan("pbr", "policyRoutes", args.policyRoutes ?? [], args, problems),
  ];
  problems.push(...tableProblems(routes));
  if (args.routeQuota !== undefined && routes.length > args.routeQuota) {
    problems.push(
      `the table has ${routes.length} routes but routeQuota is ${args.routeQuota}: remove routes, or raise the ` +
        `gateway's route quota in the Quota Center and then routeQuota.`,
    );
  }
  if (problems.length > 0) throw new RouteGroupError(componentName, problems, component);
  return routes;
}

export { childName };
