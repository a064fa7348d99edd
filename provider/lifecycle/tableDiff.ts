/**
 * Diff of a table: stored outputs (`olds`, the routes as the gateway held them) against checked inputs.
 * Only a new gateway or region replaces the table; every route change is an update, each route compared by
 * the per-route diff (diff.ts). A dynamic provider returns no detailed diff, so there the engine shows the
 * difference of the inputs; the provider plugin returns routeDifferences as its detailed diff
 * (plugin/detailedDiff.ts), so its preview lists only the routes that change.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, UNKNOWN } from "../constants";
import { TABLE_ROUTE_FIELDS } from "../tableTypes";
import { routeChanges } from "./diff";

type Props = Record<string, unknown>;

const asMap = (v: unknown): Record<string, Props> =>
  typeof v === "object" && v !== null ? (v as Record<string, Props>) : {};

/** How one route of a table differs: added, removed, or changed (`updates`: its changed settings). */
export interface RouteDifference {
  field: "routes" | "policyRoutes";
  /** The route's key; undefined when the whole field is not known yet (a preview's unknown). */
  key?: string;
  change: "add" | "delete" | "update";
  /** The route's settings that change (per-route diff, diff.ts); none when the route itself is unknown. */
  updates: string[];
}

/** Each route that differs between stored outputs and checked inputs; unchanged routes are not listed. */
export function routeDifferences(olds: Props, news: Props): RouteDifference[] {
  const differences: RouteDifference[] = [];
  for (const [kind, field] of TABLE_ROUTE_FIELDS) {
    if (news[field] === UNKNOWN) {
      differences.push({ field, change: "update", updates: [] });
      continue;
    }
    const before = asMap(olds[field]);
    const after = asMap(news[field]);
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const old = before[key];
      const next = after[key];
      if (!old) differences.push({ field, key, change: "add", updates: [] });
      else if (!next) differences.push({ field, key, change: "delete", updates: [] });
      else if (next === (UNKNOWN as unknown)) differences.push({ field, key, change: "update", updates: [] });
      else {
        const { replaces, updates } = routeChanges(kind, old, next);
        const changed = [...updates, ...replaces];
        if (changed.length > 0) differences.push({ field, key, change: "update", updates: changed });
      }
    }
  }
  return differences;
}

/** The keys of the routes that differ (added, removed, or changed), as `routes["key"]`. */
export function changedRoutes(olds: Props, news: Props): string[] {
  return routeDifferences(olds, news).map((d) =>
    d.key === undefined ? d.field : `${d.field}[${JSON.stringify(d.key)}]`,
  );
}

/** Whether the table's `exclusive` changes (absent is false), or is not known yet. */
export function exclusiveChanged(olds: Props, news: Props): boolean {
  return news.exclusive === UNKNOWN || (news.exclusive === true) !== (olds.exclusive === true);
}

export function diffTable(olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (news.vpnGatewayId === UNKNOWN || news.vpnGatewayId !== olds.vpnGatewayId) replaces.push("vpnGatewayId");
  // Without an explicit region the table stays in the region it was created in (stored as an output).
  if (news.region !== undefined && (news.region === UNKNOWN || news.region !== olds.region))
    replaces.push("region");
  const providerChanged = news[PROVIDER_KEY] !== undefined && news[PROVIDER_KEY] !== olds[PROVIDER_KEY];
  const changes =
    replaces.length > 0 ||
    exclusiveChanged(olds, news) ||
    providerChanged ||
    changedRoutes(olds, news).length > 0;
  return { changes, replaces, deleteBeforeReplace: false };
}
