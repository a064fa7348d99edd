/**
 * What a table's create or update writes, planned from one listing of the gateway (pure): the declared routes
 * that are missing or differ, the routes the table no longer declares, and, when exclusive, the custom routes
 * it never declared. Only routes that need a write appear, so a table of 1,000 routes with two changed is two
 * steps. Steps are grouped by destination, in the failover order: standbys first, then deletes, then actives
 * (a destination never has two active routes, and keeps a route while its active one changes next hop).
 */
import { CUSTOM_ROUTE_ENTRY_TYPE, WEIGHT_STANDBY } from "../constants";
import {
  desiredOf,
  destinationKey,
  identityOf,
  matches,
  tableKeyOf,
  type ListedRoute,
  type NewRoute,
  type RouteRef,
} from "../routes";
import type { TableRouteInputs } from "../tableTypes";
import type { RouteKind } from "../types";

/** BGP-learned routes are listed with Source `VPN_BGP` (never ours to delete). */
const BGP_SOURCE = "VPN_BGP";

export type TableStep =
  /** Take the route to its declared weight, publish state and priority (creating it when missing). */
  | { op: "converge"; key: string; route: NewRoute; current?: ListedRoute }
  /** Its description or overlay mode changed: the API has no way to modify them, so delete and create. */
  | { op: "recreate"; key: string; route: NewRoute; current: ListedRoute }
  /** Listed but not declared: declared before, or never (exclusive); `undeclared` when the table is exclusive or never declared it. */
  | { op: "delete"; key: string; route: RouteRef; current: ListedRoute; undeclared: boolean };

/** The steps of one destination, run under its lock, in order. */
export interface DestinationPlan {
  destination: string;
  steps: TableStep[];
}

/** A route the table declared at its last create or update (its stored outputs). */
export interface PreviousRoute {
  description?: string;
  overlayMode?: string;
}

/** True for a route someone configured (the table may delete it), false for one BGP learned. */
/** A gateway's listing of one route kind, by each route's key in a table. */
export function listedByKey(
  kind: RouteKind,
  vpnGatewayId: string,
  listed: ListedRoute[],
): Map<string, ListedRoute> {
  return new Map(listed.map((e) => [tableKeyOf(kind, identityOf(vpnGatewayId, e)), e]));
}

/** The custom routes of a listing that a table's routes do not declare: what an exclusive table deletes. */
export function undeclaredCustomRoutes(
  kind: RouteKind,
  vpnGatewayId: string,
  declared: Record<string, TableRouteInputs>,
  byKey: Map<string, ListedRoute>,
): [string, ListedRoute][] {
  const keys = new Set(Object.values(declared).map((r) => tableKeyOf(kind, { ...r, vpnGatewayId })));
  return [...byKey].filter(([key, e]) => !keys.has(key) && isCustomRoute(e));
}

export function isCustomRoute(entry: ListedRoute): boolean {
  return (
    (entry.RouteEntryType ?? CUSTOM_ROUTE_ENTRY_TYPE) === CUSTOM_ROUTE_ENTRY_TYPE &&
    entry.Source !== BGP_SOURCE
  );
}

const rank = (step: TableStep): number =>
  step.op === "delete" ? 1 : step.route.weight === WEIGHT_STANDBY ? 0 : 2;

/**
 * Plans one route kind of a table. `declared`: the table's routes by key; `listed`: the gateway's entries of
 * that kind now; `previous`: the routes the stored outputs hold, by identity key (tableKeyOf).
 */
export function planTable(
  kind: RouteKind,
  declared: Map<string, NewRoute>,
  listed: ListedRoute[],
  scope: { vpnGatewayId: string; region: string },
  previous: Map<string, PreviousRoute>,
  exclusive: boolean,
): DestinationPlan[] {
  const steps: TableStep[] = [];
  const byIdentity = listedByKey(kind, scope.vpnGatewayId, listed);
  const declaredIdentities = new Set<string>();
  for (const [key, route] of declared) {
    const identity = tableKeyOf(kind, route);
    declaredIdentities.add(identity);
    const current = byIdentity.get(identity);
    const before = previous.get(identity);
    if (
      current &&
      before &&
      (before.description !== route.description || before.overlayMode !== route.overlayMode)
    ) {
      steps.push({ op: "recreate", key, route, current });
    } else if (!current || !matches(current, desiredOf(route))) {
      steps.push({ op: "converge", key, route, current });
    }
  }
  for (const [identity, current] of byIdentity) {
    if (declaredIdentities.has(identity)) continue;
    const wasDeclared = previous.has(identity);
    if (!wasDeclared && !(exclusive && isCustomRoute(current))) continue;
    const route: RouteRef = {
      ...identityOf(scope.vpnGatewayId, current),
      ...(kind === "dbr" ? { routeSource: undefined } : {}),
      region: scope.region,
      overlayMode: previous.get(identity)?.overlayMode,
    };
    steps.push({ op: "delete", key: identity, route, current, undeclared: exclusive || !wasDeclared });
  }
  const groups = new Map<string, TableStep[]>();
  for (const step of steps) {
    const destination = destinationKey(kind, step.route);
    groups.set(destination, [...(groups.get(destination) ?? []), step]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([destination, group]) => ({ destination, steps: group.sort((a, b) => rank(a) - rank(b)) }));
}
