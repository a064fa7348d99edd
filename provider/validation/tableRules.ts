/**
 * The rules a gateway's whole table must keep, checked as a whole without an API call: one copy, used by
 * VpnGatewayRoutes when the program runs (components/planRoutes.ts) and by VpnGatewayRouteTable's check.
 */
import type { RouteKind } from "../types";
import { canonicalCidr } from "./cidr";

/** A route as the table rules see it. */
export interface TableRuleRoute {
  /** `dbr` (destination route) or `pbr` (policy route). */
  kind: RouteKind;
  /** The route's key in its table (`<routeDest>@<nextHop>`, policy routes `<source>><dest>@<nextHop>`). */
  key: string;
  /** Where the user wrote it, for messages: `routes[2]`, or `routes["10.0.0.0/16@vco-..."]`. */
  where: string;
  /** Source CIDR block of a policy route. */
  routeSource?: string;
  /** Destination CIDR block. */
  routeDest: string;
  /** The next hop, or a value not known yet. */
  nextHop: unknown;
  /** 100 = active, 0 = standby. */
  weight: number;
  /** Whether the route is advertised to the VPC. */
  publishVpc: boolean;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function describeRoute(r: TableRuleRoute): string {
  const source = r.routeSource ? `${r.routeSource} -> ` : "";
  return `${r.where} (${source}${r.routeDest})`;
}

function checkDuplicates(routes: TableRuleRoute[], problems: string[]): void {
  for (const [key, same] of groupBy(routes, (r) => `${r.kind}:${r.key}`)) {
    if (same.length > 1) {
      problems.push(
        `${same.map((r) => r.where).join(" and ")} are the same route (${key.slice(4)}): remove the duplicate.`,
      );
    }
  }
}

/** One destination of one table (with its source, for policy routes). */
const destinationKey = (r: TableRuleRoute): string =>
  `${r.kind}:${r.routeSource ? canonicalCidr(r.routeSource) + ">" : ""}${canonicalCidr(r.routeDest)}`;

/** The gateway takes one active and one standby route per destination (the API's Weight notes). */
const MAX_ROUTES_PER_DESTINATION = 2;

function checkPairs(routes: TableRuleRoute[], problems: string[]): void {
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

function checkActivePairs(routes: TableRuleRoute[], problems: string[]): void {
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

function checkPublishedInBothTables(routes: TableRuleRoute[], problems: string[]): void {
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

/** Every problem of the table as a whole, one sentence each (duplicates, active pairs, pairs, publishing). */
export function tableProblems(routes: TableRuleRoute[]): string[] {
  const problems: string[] = [];
  checkDuplicates(routes, problems);
  checkActivePairs(routes, problems);
  checkPairs(routes, problems);
  checkPublishedInBothTables(routes, problems);
  return problems;
}
