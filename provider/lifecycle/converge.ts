/**
 * Taking a route from what its gateway lists to what the program wants, in a safe order, one write at a time.
 */
import { GatewayGoneError } from "../errors";
import type { Gateway } from "../gateway/gateway";
import {
  desiredOf,
  formatRouteId,
  isPublished,
  matches,
  type Desired,
  type ListedRoute,
  type NewRoute,
  type RouteRef,
  type RouteApi,
} from "../routes";
import { setWeight } from "./weightChange";

export type Step =
  | { op: "publish"; publish: boolean }
  | { op: "weight"; from: number; to: number }
  | { op: "priority"; from: number; to: number };

/**
 * The writes that take a route from what the listing shows to what is wanted, in a safe order: a route
 * being withdrawn is withdrawn first, and a route being published is published last, so the VPC is never
 * told about a half-changed route (weight and priority settle while it is not advertised).
 */
export function planSteps(current: ListedRoute, desired: Desired): Step[] {
  const steps: Step[] = [];
  const published = isPublished(current);
  if (published && !desired.publishVpc) steps.push({ op: "publish", publish: false });
  if (current.Weight !== desired.weight)
    steps.push({ op: "weight", from: current.Weight, to: desired.weight });
  // A listing without Priority (a gateway without policy priorities) cannot show it: leave it alone.
  if (
    desired.priority !== undefined &&
    current.Priority !== undefined &&
    current.Priority !== desired.priority
  ) {
    steps.push({ op: "priority", from: current.Priority, to: desired.priority });
  }
  if (!published && desired.publishVpc) steps.push({ op: "publish", publish: true });
  return steps;
}

/**
 * Takes a route to the wanted weight, publish state and priority, one write at a time in a safe order
 * (waiting for the gateway after each), then waits until the listing shows the result. A route being
 * withdrawn is withdrawn first; the weight changes as weightChange.ts describes (which may replace the
 * route, or create it when it is missing, with every wanted setting); priority and publishing follow.
 * Run it inside the gateway's withDestination().
 */
export async function converge(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  current: ListedRoute | undefined,
  listed?: ListedRoute[],
): Promise<ListedRoute> {
  const desired = desiredOf(route);
  let entry = current;
  let entries = listed;
  if (entry && isPublished(entry) && !desired.publishVpc) {
    entry = await applyStep(gateway, api, route, entry, { op: "publish", publish: false });
    entries = undefined;
  }
  if (!entry || entry.Weight !== desired.weight) entry = await setWeight(gateway, api, route, entries);
  for (const step of planSteps(entry, desired)) {
    if (step.op !== "weight") entry = await applyStep(gateway, api, route, entry, step);
  }
  return settled(gateway, api, route, desired);
}

/**
 * Applies one planned publish or priority step to the entry as it is now; returns the entry as it will be.
 * Weights change only through weightChange.ts, which knows the API's rules for them.
 */
async function applyStep(
  gateway: Gateway,
  api: RouteApi,
  route: RouteRef,
  current: ListedRoute,
  step: Exclude<Step, { op: "weight" }>,
): Promise<ListedRoute> {
  switch (step.op) {
    case "publish":
      await gateway.write((client) => api.publish(client, route, step.publish));
      return { ...current, State: step.publish ? "published" : "normal" };
    case "priority": {
      const modifyPriority = api.modifyPriority;
      if (!modifyPriority) throw new Error(`${api.kind} routes have no priority`);
      await gateway.write((client) => modifyPriority(client, route, current, step.to));
      return { ...current, Priority: step.to };
    }
  }
}

/** Waits until the listing shows the route with the wanted settings. */
export async function settled(
  gateway: Gateway,
  api: RouteApi,
  route: RouteRef,
  desired: Desired,
): Promise<ListedRoute> {
  const id = formatRouteId(api.kind, route);
  const wanted = `weight ${desired.weight}, ${desired.publishVpc ? "published" : "not published"}`;
  const entry = await gateway.waitForRoute(
    api,
    route,
    (e) => e === null || (!!e && matches(e, desired)),
    `route ${id} to show ${wanted}`,
  );
  if (!entry) throw new GatewayGoneError(id, route, "changed");
  return entry;
}
