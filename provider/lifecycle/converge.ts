import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import { waitForRoute } from "./listing";
import { isPublished, matches, planSteps, type Desired } from "./plan";
import type { ListedRoute, NewRoute, RouteApi, RouteRef } from "./routeApi";
import { setWeight } from "./weightChange";
import { applyStep } from "./writes";

export const desiredOf = (route: NewRoute): Desired => ({
  weight: route.weight,
  publishVpc: route.publishVpc,
  priority: route.priority,
});

/**
 * Takes a route to the wanted weight, publish state and priority, one write at a time in a safe order
 * (waiting for the gateway after each), then waits until the listing shows the result. A route being
 * withdrawn is withdrawn first; the weight changes as weightChange.ts describes (which may replace the
 * route, or create it when it is missing, with every wanted setting); priority and publishing follow.
 * Run it inside withDestination().
 */
export async function converge(
  ctx: RuntimeContext,
  api: RouteApi,
  route: NewRoute,
  current: ListedRoute | undefined,
  listed?: ListedRoute[],
): Promise<ListedRoute> {
  const desired = desiredOf(route);
  let entry = current;
  let entries = listed;
  if (entry && isPublished(entry) && !desired.publishVpc) {
    entry = await applyStep(ctx, api, route, entry, { op: "publish", publish: false });
    entries = undefined;
  }
  if (!entry || entry.Weight !== desired.weight) entry = await setWeight(ctx, api, route, entries);
  for (const step of planSteps(entry, desired)) {
    if (step.op !== "weight") entry = await applyStep(ctx, api, route, entry, step);
  }
  return settled(ctx, api, route, desired);
}

/** Waits until the listing shows the route with the wanted settings. */
export async function settled(
  ctx: RuntimeContext,
  api: RouteApi,
  route: RouteRef,
  desired: Desired,
): Promise<ListedRoute> {
  const id = formatRouteId(api.kind, route);
  const wanted = `weight ${desired.weight}, ${desired.publishVpc ? "published" : "not published"}`;
  const entry = await waitForRoute(
    ctx,
    api,
    route,
    (e) => e === null || (!!e && matches(e, desired)),
    `route ${id} to show ${wanted}`,
  );
  if (!entry)
    throw new Error(
      `VPN gateway ${route.vpnGatewayId} disappeared in region ${route.region} while route ${id} was being changed.`,
    );
  return entry;
}
