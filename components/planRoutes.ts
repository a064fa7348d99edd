import * as pulumi from "@pulumi/pulumi";
import type { RouteKind, RouteWeight } from "../provider/types";
import { canonicalCidr } from "../provider/validation/cidr";
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

function describeRoute(r: PlannedRoute): string {
  const source = r.routeSource ? `${r.routeSource} -> ` : "";
  return `${r.where} (${source}${r.routeDest})`;
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

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function checkDuplicates(routes: PlannedRoute[], problems: string[]): void {
  for (const [key, same] of groupBy(routes, (r) => `${r.kind}:${r.key}`)) {
    if (same.length > 1) {
      problems.push(
        `${same.map((r) => r.where).join(" and ")} are the same route (${key.slice(4)}): remove the duplicate.`,
      );
    }
  }
}

/** One destination of one table (with its source, for policy routes). */
const destinationKey = (r: PlannedRoute): string =>
  `${r.kind}:${r.routeSource ? canonicalCidr(r.routeSource) + ">" : ""}${canonicalCidr(r.routeDest)}`;

/** The gateway takes one active and one standby route per destination (the API's Weight notes). */
const MAX_ROUTES_PER_DESTINATION = 2;

function checkPairs(routes: PlannedRoute[], problems: string[]): void {
  for (const all of groupBy(routes, destinationKey).values()) {
    // Each route once: a duplicate is checkDuplicates' problem, not a third route of the destination.
    const same = [...groupBy(all, (r) => r.key).values()].map(([first]) => first);
    if (same.length > MAX_ROUTES_PER_DESTINATION) {
      problems.push(
        `${same.map(describeRoute).join(", ")} are ${same.length} routes for one destination; the gateway takes ` +
          `an active/standby pair (one weight 100, one weight 0) per destination: keep two and remove the others.`,
      );
    }
  }
}

function checkActivePairs(routes: PlannedRoute[], problems: string[]): void {
  const destinations = groupBy(
    routes.filter((r) => r.weight === 100),
    destinationKey,
  );
  for (const active of destinations.values()) {
    const hops = new Set(active.map((r) => String(r.nextHop)));
    if (active.length > 1 && hops.size > 1) {
      problems.push(
        `${active.map(describeRoute).join(" and ")} are both active (weight 100) for one destination; the gateway ` +
          `takes one active next hop per destination: set weight 0 on the standby.`,
      );
    }
  }
}

function checkPublishedInBothTables(routes: PlannedRoute[], problems: string[]): void {
  const byDest = groupBy(routes, (r) => canonicalCidr(r.routeDest));
  for (const [dest, same] of byDest) {
    const kinds = new Set(same.map((r) => r.kind));
    if (kinds.size > 1 && same.some((r) => r.publishVpc)) {
      problems.push(
        `${dest} is both a destination route and a policy route and is published: PublishVpnRouteEntry has no ` +
          `source, so publishing or withdrawing one changes both and they would fight. Publish it in one table ` +
          `only (publishVpc: false on the others) or use different destinations.`,
      );
    }
  }
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
  checkDuplicates(routes, problems);
  checkActivePairs(routes, problems);
  checkPairs(routes, problems);
  checkPublishedInBothTables(routes, problems);
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
