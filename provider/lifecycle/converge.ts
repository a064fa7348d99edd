import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import { waitForRoute } from "./listing";
import { matches, planSteps, type Desired } from "./plan";
import type { ListedRoute, RouteApi, RouteRef } from "./routeApi";
import { applyStep } from "./writes";

/**
 * Takes an existing route to the wanted weight, publish state and priority, one write at a time in a safe
 * order (waiting for the gateway after each), then waits until the listing shows the result.
 */
export async function converge(
  ctx: RuntimeContext,
  api: RouteApi,
  route: RouteRef,
  current: ListedRoute,
  desired: Desired,
): Promise<ListedRoute> {
  let entry = current;
  for (const step of planSteps(current, desired)) entry = await applyStep(ctx, api, route, entry, step);
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
