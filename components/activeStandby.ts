import { canonicalCidr } from "../provider/validation/cidr";
import type { PlannedRoute } from "./planRoutes";

/** The destination a route serves in its table (policy routes: its source and destination). */
export function destinationOf(route: PlannedRoute): string {
  const source = route.routeSource === undefined ? "" : `${canonicalCidr(route.routeSource)}>`;
  return `${route.kind}:${source}${canonicalCidr(route.routeDest)}`;
}

/**
 * The order the component registers its routes in, with what each waits for. Standby routes (weight 0)
 * come before active ones, and an active route depends on the standbys of its destination, so the engine
 * finishes setting the old active route to standby before it makes the new one active. A failover (swap
 * the weights of two routes of one destination) is then one `pulumi up` in either direction, at any
 * `--parallel`, and the gateway never holds two active routes for the destination. Names do not depend on
 * the order, so reordering changes no route.
 */
export function activeAfterStandbys(
  planned: PlannedRoute[],
): { route: PlannedRoute; after: PlannedRoute[] }[] {
  const ordered = [...planned.filter((r) => r.weight !== 100), ...planned.filter((r) => r.weight === 100)];
  return ordered.map((route) => ({
    route,
    after:
      route.weight === 100
        ? planned.filter((r) => r.weight !== 100 && destinationOf(r) === destinationOf(route))
        : [],
  }));
}
