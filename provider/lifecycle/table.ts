/**
 * VpnGatewayRouteTable's lifecycle: one gateway's routes as one resource. Create and update converge the
 * gateway to the declared table from ONE listing per route kind (tablePlan.ts), writing only the routes that
 * differ, each through the same per-route operations as VpnRouteEntry (converge.ts, weightChange.ts: the
 * failover order, the gateway's lock, one destination at a time). Read reports the declared routes as they
 * are; delete deletes the declared routes and nothing else.
 */
import type * as pulumi from "@pulumi/pulumi";
import { GatewayNotFoundError, RouteTableIncompleteError } from "../errors";
import type { Gateway } from "../gateway/gateway";
import {
  desiredOf,
  formatRouteId,
  identityOf,
  isPublished,
  matches,
  tableKeyOf,
  type ListedRoute,
  type NewRoute,
  type RouteApi,
} from "../routes";
import {
  TABLE_ROUTE_FIELDS,
  type RouteTableInputs,
  type RouteTableOutputs,
  type TableRouteInputs,
  type TableRouteStatus,
} from "../tableTypes";
import type { RouteKind } from "../types";
import { converge, settled } from "./converge";
import { compact } from "./outputs";
import {
  listedByKey,
  planTable,
  undeclaredCustomRoutes,
  type PreviousRoute,
  type TableStep,
} from "./tablePlan";
import { removeRoute, setWeight } from "./weightChange";

/** Each route kind's API and the table's field that holds its routes. */
export type TableApis = Record<RouteKind, RouteApi>;

/** A table whose region is resolved. */
export type ResolvedTable = RouteTableInputs & { region: string };

/** The table's ID: its gateway (one table per gateway). */
export const tableIdOf = (table: { vpnGatewayId: string }): string => table.vpnGatewayId;

/** The table's routes of one kind as the write actions take them, by key. */
function declaredOf(kind: RouteKind, table: ResolvedTable, field: "routes" | "policyRoutes") {
  const routes = new Map<string, NewRoute>();
  for (const [key, r] of Object.entries(table[field] ?? {})) {
    routes.set(key, {
      vpnGatewayId: table.vpnGatewayId,
      region: table.region,
      routeDest: r.routeDest,
      nextHop: r.nextHop,
      routeSource: kind === "pbr" ? r.routeSource : undefined,
      overlayMode: r.overlayMode,
      weight: r.weight,
      publishVpc: r.publishVpc,
      description: r.description,
      priority: kind === "pbr" ? r.priority : undefined,
    });
  }
  return routes;
}

/** One route's outputs: what the table declares, with what the listing shows taking precedence; its status. */
function routeOutputs(
  kind: RouteKind,
  vpnGatewayId: string,
  r: TableRouteInputs,
  e: ListedRoute,
): [TableRouteInputs, TableRouteStatus] {
  const route = compact({
    ...r,
    weight: e.Weight,
    publishVpc: isPublished(e),
    priority: kind === "pbr" ? (e.Priority ?? r.priority) : undefined,
  });
  return [route, { id: formatRouteId(kind, { ...r, vpnGatewayId }), state: e.State }];
}

/** A listed route the table does not declare, in the outputs' shape (read, exclusive). */
function undeclaredOutputs(kind: RouteKind, vpnGatewayId: string, e: ListedRoute) {
  const identity = identityOf(vpnGatewayId, e);
  const inputs: TableRouteInputs = {
    routeDest: e.RouteDest,
    nextHop: e.NextHop,
    weight: e.Weight,
    publishVpc: isPublished(e),
    ...(kind === "pbr" ? { routeSource: identity.routeSource } : {}),
  };
  return routeOutputs(kind, vpnGatewayId, inputs, e);
}

/**
 * The table's outputs from what the gateway holds now (`now`: listed entries by identity key): every route
 * declared now or at the last update that is still listed (a route being removed whose delete failed stays,
 * so the next `up` deletes it), without the routes the gateway no longer lists.
 */
function tableOutputs(
  table: ResolvedTable,
  previous: RouteTableOutputs | undefined,
  now: Map<RouteKind, Map<string, ListedRoute>>,
  deletedUndeclared: string[],
): RouteTableOutputs {
  const out: RouteTableOutputs = {
    vpnGatewayId: table.vpnGatewayId,
    region: table.region,
    exclusive: table.exclusive,
    routes: {},
    policyRoutes: {},
    statuses: {},
  };
  for (const [kind, field] of TABLE_ROUTE_FIELDS) {
    const listed = now.get(kind) ?? new Map<string, ListedRoute>();
    const seen = new Set<string>();
    const add = (key: string, r: TableRouteInputs) => {
      const identity = tableKeyOf(kind, { ...r, vpnGatewayId: table.vpnGatewayId });
      const entry = listed.get(identity);
      if (seen.has(identity) || !entry) return;
      seen.add(identity);
      [out[field][key], out.statuses[key]] = routeOutputs(kind, table.vpnGatewayId, r, entry);
    };
    for (const [key, r] of Object.entries(table[field] ?? {})) add(key, r);
    for (const [key, r] of Object.entries(previous?.[field] ?? {})) add(key, r);
  }
  if (deletedUndeclared.length > 0) out.deletedUndeclared = deletedUndeclared;
  return compact(out);
}

/** The routes the stored outputs hold, by identity key: what create-or-update may delete or recreate. */
function previousOf(kind: RouteKind, vpnGatewayId: string, routes?: Record<string, TableRouteInputs>) {
  const previous = new Map<string, PreviousRoute>();
  for (const r of Object.values(routes ?? {})) {
    previous.set(tableKeyOf(kind, { ...r, vpnGatewayId }), {
      description: r.description,
      overlayMode: r.overlayMode,
    });
  }
  return previous;
}

/** Creates the route when missing, else converges it; the create's answer confirms it without a listing. */
async function convergeRoute(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  current: ListedRoute | undefined,
  listed: ListedRoute[] | undefined,
): Promise<ListedRoute> {
  if (current) return converge(gateway, api, route, current, listed);
  const created = await setWeight(gateway, api, route, listed);
  return matches(created, desiredOf(route)) ? created : settled(gateway, api, route, desiredOf(route));
}

/** Runs one planned step; returns the route's entry afterwards (undefined: deleted). */
async function applyStep(
  gateway: Gateway,
  api: RouteApi,
  step: TableStep,
  listed: ListedRoute[] | undefined,
): Promise<ListedRoute | undefined> {
  switch (step.op) {
    case "converge":
      return convergeRoute(gateway, api, step.route, step.current, listed);
    case "recreate":
      await removeRoute(gateway, api, step.route, step.current);
      return convergeRoute(gateway, api, step.route, undefined, undefined);
    case "delete":
      await removeRoute(gateway, api, step.route, step.current);
      return undefined;
  }
}

/**
 * Takes the gateway to the declared table. `previous`: the stored outputs (undefined on create).
 * `onDeletedUndeclared`: told of each undeclared custom route deleted (exclusive), by ID.
 * @throws RouteTableIncompleteError carrying the table as the gateway holds it, once anything was written.
 */
export async function convergeTable(
  gateway: Gateway,
  apis: TableApis,
  table: ResolvedTable,
  previous: RouteTableOutputs | undefined,
  extra: { provider?: unknown; regionSource: string; onDeletedUndeclared?: (id: string) => void },
): Promise<RouteTableOutputs> {
  const now = new Map<RouteKind, Map<string, ListedRoute>>();
  const deletedUndeclared: string[] = [];
  const declared = new Map(TABLE_ROUTE_FIELDS.map(([kind, field]) => [kind, declaredOf(kind, table, field)]));
  // A promotion that must set an active sibling to standby creates it again as declared (weightChange.ts).
  for (const [kind, routes] of declared) for (const r of routes.values()) gateway.declared.record(kind, r);
  let written = false;
  let inFlight: { kind: RouteKind; identity: string } | undefined;
  try {
    for (const [kind, field] of TABLE_ROUTE_FIELDS) {
      const api = apis[kind];
      const routes = declared.get(kind)!;
      const prev = previousOf(kind, table.vpnGatewayId, previous?.[field]);
      if (routes.size === 0 && prev.size === 0 && !table.exclusive) continue;
      const listed = await gateway.list(api, true);
      if (listed === null) {
        throw previous
          ? new GatewayNotFoundError(table, { updating: `table ${tableIdOf(table)}` })
          : new GatewayNotFoundError(table, { regionSource: extra.regionSource });
      }
      const held = listedByKey(kind, table.vpnGatewayId, listed);
      now.set(kind, held);
      const plans = planTable(kind, routes, listed, table, prev, table.exclusive === true);
      for (const plan of plans) {
        await gateway.withDestination(kind, plan.steps[0].route, async () => {
          // The listing holds for this destination until its first write.
          let entries: ListedRoute[] | undefined = listed;
          for (const step of plan.steps) {
            const identity = tableKeyOf(kind, step.route);
            inFlight = { kind, identity };
            written = true;
            const entry = await applyStep(gateway, api, step, entries);
            entries = undefined;
            inFlight = undefined;
            if (entry) held.set(identity, entry);
            else held.delete(identity);
            if (step.op === "delete" && step.undeclared) {
              const id = formatRouteId(kind, step.route);
              deletedUndeclared.push(id);
              extra.onDeletedUndeclared?.(id);
            }
          }
        });
      }
    }
  } catch (err) {
    if (!written) throw err;
    // The route being changed when it failed is in an unknown state: left out, the next `up` converges it
    // from the listing. A route being deleted stays (its delete is tried again).
    const failed = inFlight as { kind: RouteKind; identity: string } | undefined;
    if (failed && declared.get(failed.kind)!.size > 0) {
      const isDeclared = [...declared.get(failed.kind)!.values()].some(
        (r) => tableKeyOf(failed.kind, r) === failed.identity,
      );
      if (isDeclared) now.get(failed.kind)?.delete(failed.identity);
    }
    const properties = { ...tableOutputs(table, previous, now, deletedUndeclared) } as Record<
      string,
      unknown
    >;
    if (extra.provider !== undefined) properties.__provider = extra.provider;
    throw new RouteTableIncompleteError(tableIdOf(table), table.vpnGatewayId, properties, err);
  }
  return tableOutputs(table, previous, now, deletedUndeclared);
}

/**
 * refresh: the routes the stored table declares, as the gateway lists them (a missing one dropped, drift
 * shown), plus, when exclusive, the custom routes it does not declare, so that `pulumi preview` after a
 * refresh lists them as deletions. A gateway that is gone: the table is gone.
 */
export async function readTable(
  gateway: Gateway,
  apis: TableApis,
  stored: RouteTableOutputs,
): Promise<pulumi.dynamic.ReadResult<RouteTableOutputs>> {
  const now = new Map<RouteKind, Map<string, ListedRoute>>();
  // A kind the table holds none of and need not police (not exclusive) costs no listing; one listing stays,
  // which tells a gateway that is gone.
  const held = TABLE_ROUTE_FIELDS.filter(
    ([, field]) => stored.exclusive || Object.keys(stored[field] ?? {}).length > 0,
  );
  for (const [kind] of held.length > 0 ? held : TABLE_ROUTE_FIELDS.slice(0, 1)) {
    const listed = await gateway.list(apis[kind]);
    if (listed === null) return {};
    now.set(kind, listedByKey(kind, stored.vpnGatewayId, listed));
  }
  const outs = tableOutputs(stored, undefined, now, []);
  if (stored.exclusive) {
    for (const [kind, field] of TABLE_ROUTE_FIELDS) {
      for (const [identity, e] of undeclaredCustomRoutes(
        kind,
        stored.vpnGatewayId,
        outs[field],
        now.get(kind) ?? new Map(),
      )) {
        [outs[field][identity], outs.statuses[identity]] = undeclaredOutputs(kind, stored.vpnGatewayId, e);
      }
    }
  }
  return { id: tableIdOf(stored), props: outs, inputs: tableInputsOf(outs) };
}

/** The inputs part of a table's outputs (what refresh hands back as inputs: the table as it is). */
export function tableInputsOf(outs: RouteTableOutputs): RouteTableOutputs {
  const inputs = { ...outs } as Partial<RouteTableOutputs>;
  delete inputs.statuses;
  delete inputs.deletedUndeclared;
  return inputs as RouteTableOutputs;
}

/** Deletes the routes the stored table declares (nothing else), one listing per kind, one destination at a time. */
export async function deleteTable(
  gateway: Gateway,
  apis: TableApis,
  stored: RouteTableOutputs,
): Promise<void> {
  const table: ResolvedTable = { ...stored, routes: {}, policyRoutes: {}, exclusive: false };
  await convergeTable(gateway, apis, table, stored, { regionSource: "the stored table" }).catch(
    (err: unknown) => {
      // A gateway that is gone has no routes left to delete.
      if (err instanceof GatewayNotFoundError) return;
      throw err instanceof RouteTableIncompleteError && err.cause !== undefined ? err.cause : err;
    },
  );
}
