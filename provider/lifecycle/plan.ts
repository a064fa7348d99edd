import { STATE_PUBLISHED } from "../constants";
import type { ListedRoute } from "./routeApi";

/** The in-place settings of a route. */
export interface Desired {
  weight: number;
  publishVpc: boolean;
  /** Policy routes only. */
  priority?: number;
}

export type Step =
  | { op: "publish"; publish: boolean }
  | { op: "weight"; from: number; to: number }
  | { op: "priority"; from: number; to: number };

export const isPublished = (entry: ListedRoute): boolean => entry.State === STATE_PUBLISHED;

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

/** True when the listed entry shows every wanted setting. */
export function matches(entry: ListedRoute, desired: Desired): boolean {
  return (
    entry.Weight === desired.weight &&
    isPublished(entry) === desired.publishVpc &&
    (desired.priority === undefined || entry.Priority === undefined || entry.Priority === desired.priority)
  );
}
