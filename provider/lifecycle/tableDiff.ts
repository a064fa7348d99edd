/**
 * Diff of a table: stored outputs (`olds`, the routes as the gateway held them) against checked inputs.
 * Only a new gateway or region replaces the table; every route change is an update, each route compared by
 * the per-route diff (diff.ts). The engine shows the difference of the inputs, route by route, since a
 * dynamic provider returns no detailed diff.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, UNKNOWN } from "../constants";
import { TABLE_ROUTE_FIELDS } from "../tableTypes";
import { diffRoute } from "./diff";

type Props = Record<string, unknown>;

const asMap = (v: unknown): Record<string, Props> =>
  typeof v === "object" && v !== null ? (v as Record<string, Props>) : {};

/** The keys of the routes that differ (added, removed, or changed), as `routes["key"]`. */
export function changedRoutes(olds: Props, news: Props): string[] {
  const changed: string[] = [];
  for (const [kind, field] of TABLE_ROUTE_FIELDS) {
    if (news[field] === UNKNOWN) {
      changed.push(field);
      continue;
    }
    const before = asMap(olds[field]);
    const after = asMap(news[field]);
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const old = before[key];
      const next = after[key];
      const differs =
        !old || !next || next === (UNKNOWN as unknown) || diffRoute(kind, old, next).changes === true;
      if (differs) changed.push(`${field}[${JSON.stringify(key)}]`);
    }
  }
  return changed;
}

export function diffTable(olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (news.vpnGatewayId === UNKNOWN || news.vpnGatewayId !== olds.vpnGatewayId) replaces.push("vpnGatewayId");
  // Without an explicit region the table stays in the region it was created in (stored as an output).
  if (news.region !== undefined && (news.region === UNKNOWN || news.region !== olds.region))
    replaces.push("region");
  const providerChanged = news[PROVIDER_KEY] !== undefined && news[PROVIDER_KEY] !== olds[PROVIDER_KEY];
  const exclusiveChanged =
    news.exclusive === UNKNOWN || (news.exclusive === true) !== (olds.exclusive === true);
  const changes =
    replaces.length > 0 || exclusiveChanged || providerChanged || changedRoutes(olds, news).length > 0;
  return { changes, replaces, deleteBeforeReplace: false };
}
