/**
 * The detailed diff a provider plugin returns: each changed property and whether the API changes it in place
 * or it makes another route, so a preview says "~ weight" or "+- routeDest" per property instead of the
 * engine's diff of all inputs. Computed by the lifecycle's own diff (provider/lifecycle/diff.ts routeChanges,
 * tableDiff.ts routeDifferences).
 */
import { routeChanges } from "../provider/lifecycle/diff";
import { diffTable, exclusiveChanged, routeDifferences } from "../provider/lifecycle/tableDiff";
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

const routeOf = (props: Props, field: string, key: string): Props =>
  ((props[field] ?? {}) as Record<string, Props>)[key] ?? {};

/**
 * A table's detailed diff keyed by route: `routes["10.20.0.0/16@vco-a"].weight` UPDATE,
 * `routes["10.99.0.0/16@vco-x"]` ADD or DELETE, so a preview lists only the routes that change. Every route
 * change is an update of the table (tableDiff.ts); the gateway or region replaces it.
 */
export function detailedTableDiff(olds: Props, news: Props): Record<string, PropertyDiffKind> {
  const diff: Record<string, PropertyDiffKind> = {};
  for (const key of diffTable(olds, news).replaces ?? []) diff[key] = kindOf(olds[key], news[key], true);
  if (exclusiveChanged(olds, news)) diff.exclusive = kindOf(olds.exclusive, news.exclusive, false);
  for (const { field, key, change, updates } of routeDifferences(olds, news)) {
    const path = key === undefined ? field : `${field}[${JSON.stringify(key)}]`;
    if (key === undefined || updates.length === 0) {
      diff[path] = change === "add" ? "ADD" : change === "delete" ? "DELETE" : "UPDATE";
      continue;
    }
    const [old, next] = [routeOf(olds, field, key), routeOf(news, field, key)];
    for (const name of updates) diff[`${path}.${name}`] = kindOf(old[name], next[name], false);
  }
  return diff;
}
