/**
 * The detailed diff a provider plugin returns: each changed property and whether the API changes it in place
 * or it makes another route, so a preview says "~ weight" or "+- routeDest" per property instead of the
 * engine's diff of all inputs. Computed by the lifecycle's own diff (provider/lifecycle/diff.ts routeChanges).
 */
import { routeChanges } from "../provider/lifecycle/diff";
import type { RouteKind } from "../provider/types";

/** The engine's kinds of a property's change (pulumirpc PropertyDiff.Kind). */
export type PropertyDiffKind =
  "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

type Props = Record<string, unknown>;

function kindOf(old: unknown, next: unknown, replace: boolean): PropertyDiffKind {
  const base = old === undefined ? "ADD" : next === undefined ? "DELETE" : "UPDATE";
  return replace ? `${base}_REPLACE` : base;
}

/** Each changed input of a route, by name, against its stored outputs (`olds`). */
export function detailedRouteDiff(
  kind: RouteKind,
  olds: Props,
  news: Props,
): Record<string, PropertyDiffKind> {
  const { replaces, updates } = routeChanges(kind, olds, news);
  const diff: Record<string, PropertyDiffKind> = {};
  for (const key of updates) diff[key] = kindOf(olds[key], news[key], false);
  for (const key of replaces) diff[key] = kindOf(olds[key], news[key], true);
  return diff;
}
