/**
 * Changing a route's weight the ways the API honours (Alibaba's reference for ModifyVpnRouteEntryWeight,
 * January 2026; the SDK model says the same of ModifyVpnPbrRouteEntryWeight):
 * - a route with no other route for its destination, on a single-tunnel gateway: Modify*Weight (policy
 *   routes: ModifyVpnPbrRouteEntryAttribute, weight and priority in one call);
 * - beside another route of its destination ("delete the other one first, then configure it again"), or on
 *   a dual-tunnel gateway (where Modify*Weight answers success and changes nothing): the route is replaced,
 *   deleted and created with the new weight, while its siblings keep the destination routed;
 * - to make a route active, the destination's active route is set to standby first, so two routes are never
 *   active at once: when it is the only other route on a single-tunnel gateway, by deleting this route,
 *   modifying that one's weight and creating this one again; otherwise by replacing that one at weight 0,
 *   which needs its declaration (its settings, to create it again). Where that route is declared too, it must
 *   be declared as a standby.
 * At no moment does the destination have no route, except a lone route on a dual-tunnel gateway, which
 * only replacement can change. Every weight write is confirmed from the listing: a success that changed
 * nothing is a WeightNotAppliedError.
 */
import { isNotFound } from "../api/errors";
import { CUSTOM_ROUTE_ENTRY_TYPE, WEIGHT_ACTIVE, WEIGHT_STANDBY } from "../constants";
import {
  GatewayGoneError,
  TwoActiveRoutesError,
  UndeclaredActiveRouteError,
  WeightNotAppliedError,
} from "../errors";
import type { Gateway } from "../gateway/gateway";
import {
  findRoute,
  formatRouteId,
  identityOf,
  isPublished,
  matches,
  sameDestination,
  sameIdentity,
  type Desired,
  type ListedRoute,
  type NewRoute,
  type RouteRef,
  type RouteApi,
} from "../routes";

/**
 * How long a promotion that must first set the destination's active route to standby waits for that route's
 * declaration to reach this provider (its check arrives while the promotion runs when the engine registers
 * the promotion first).
 */
const SIBLING_DECLARATION_WAIT_MS = 5_000;
/**
 * After a weight write has been applied (the gateway is active again), how long the listing may take to show
 * the new weight before the write counts as ignored (WeightNotAppliedError) rather than slow.
 */
const WEIGHT_CONFIRM_MS = 10_000;

/** The destination's routes in `entries` (else as the gateway lists them now): this one and the others. */
async function destination(gateway: Gateway, api: RouteApi, route: RouteRef, listed?: ListedRoute[]) {
  const entries = listed ?? (await gateway.list(api, true));
  // A gateway gone between two steps of one change: say so, rather than write as if its table were empty.
  if (entries === null) throw new GatewayGoneError(formatRouteId(api.kind, route), route, "changed");
  const self = findRoute(api.kind, entries, route);
  const siblings = entries.filter((e) => e !== self && sameDestination(api.kind, e, route));
  return { self, siblings };
}

/** The active sibling at weight 0: as declared, else with what the listing shows (all but a description). */
function standbyOf(gateway: Gateway, api: RouteApi, route: NewRoute, active: ListedRoute): NewRoute {
  const ref: NewRoute = {
    vpnGatewayId: route.vpnGatewayId,
    region: route.region,
    routeDest: active.RouteDest,
    routeSource: api.kind === "pbr" ? active.RouteSource : undefined,
    nextHop: active.NextHop,
    weight: WEIGHT_STANDBY,
    publishVpc: isPublished(active),
    priority: active.Priority,
  };
  const declared = gateway.declared.find(api.kind, ref);
  if (declared?.weight === WEIGHT_ACTIVE) {
    throw new TwoActiveRoutesError(api.kind, formatRouteId(api.kind, route), formatRouteId(api.kind, ref));
  }
  return declared
    ? { ...declared, ...ref, publishVpc: declared.publishVpc, priority: declared.priority }
    : ref;
}

/**
 * The active sibling as it is to be created again, at weight 0: its declaration is needed (a listing has no
 * description). Under `--parallel 1` the engine may run this update before the sibling's check, and cannot
 * run the sibling's check while this update waits, so the wait is short and the error says how to declare the
 * pair so that the standby's change comes first. Throws before anything is written.
 */
async function declaredStandby(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  active: ListedRoute,
): Promise<NewRoute> {
  const standby = standbyOf(gateway, api, route, active);
  const declared = await gateway.declared.waitFor(api.kind, standby, SIBLING_DECLARATION_WAIT_MS, (ms) =>
    gateway.sleep(ms),
  );
  if (!declared) {
    throw new UndeclaredActiveRouteError(
      api.kind,
      formatRouteId(api.kind, route),
      formatRouteId(api.kind, standby),
      active.NextHop,
      SIBLING_DECLARATION_WAIT_MS,
    );
  }
  return standbyOf(gateway, api, route, active);
}

/**
 * Takes the route to `route.weight` (creating it when it is missing, with every declared setting); returns
 * the listed entry once it shows that weight. `listed`: the gateway's entries as just listed, if at hand.
 */
export async function setWeight(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  listed?: ListedRoute[],
  /** Called once the gateway has answered a create of this route (the route exists from then on). */
  onCreated?: () => void,
): Promise<ListedRoute> {
  const create = (target: NewRoute) => createRoute(gateway, api, target, onCreated);
  const { self, siblings } = await destination(gateway, api, route, listed);
  const active = route.weight === WEIGHT_ACTIVE ? siblings.filter((e) => e.Weight === WEIGHT_ACTIVE) : [];
  // A new route that needs no sibling changed is a plain create, whatever the gateway's mode.
  if (!self && active.length === 0) return create(route);
  const dual = await gateway.isDualTunnel();
  // The only other route, on a single-tunnel gateway, changes by its weight alone (it keeps its settings).
  const lonePair = !dual && siblings.length === 1 && active.length === 1;
  const standbys: NewRoute[] = [];
  for (const entry of active) {
    standbys.push(
      lonePair ? standbyOf(gateway, api, route, entry) : await declaredStandby(gateway, api, route, entry),
    );
  }

  if (!self) {
    if (lonePair) {
      await modify(gateway, api, standbys[0], active[0]);
      return create(route);
    }
    const created = await create({ ...route, weight: WEIGHT_STANDBY });
    for (const [i, standby] of standbys.entries()) await replace(gateway, api, standby, active[i]);
    return replace(gateway, api, route, created);
  }
  if (siblings.length === 0 && !dual) return modify(gateway, api, route, self);
  if (lonePair) {
    await removeRoute(gateway, api, route, self);
    await modify(gateway, api, standbys[0], active[0]);
    return create(route);
  }
  for (const [i, standby] of standbys.entries()) await replace(gateway, api, standby, active[i]);
  return replace(gateway, api, route, self);
}

async function modify(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  current: ListedRoute,
): Promise<ListedRoute> {
  const attribute = api.modifyAttribute && current.Priority !== undefined ? api.modifyAttribute : undefined;
  const action = attribute
    ? "ModifyVpnPbrRouteEntryAttribute"
    : api.kind === "pbr"
      ? "ModifyVpnPbrRouteEntryWeight"
      : "ModifyVpnRouteEntryWeight";
  await gateway.write((client) =>
    attribute
      ? attribute(client, route, current, { weight: route.weight, priority: route.priority })
      : api.modifyWeight(client, route, current, route.weight),
  );
  return confirmWeight(gateway, api, route, action);
}

/**
 * The gateway has applied the write (its write() waited for it): the listing shows the weight within
 * WEIGHT_CONFIRM_MS, or the write was ignored.
 */
async function confirmWeight(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  action: string,
): Promise<ListedRoute> {
  const entry = await gateway.waitForRoute(
    api,
    route,
    (e) => !!e && e.Weight === route.weight,
    `route ${formatRouteId(api.kind, route)} to be listed with weight ${route.weight}`,
    {
      ms: WEIGHT_CONFIRM_MS,
      error: (last) =>
        new WeightNotAppliedError(action, formatRouteId(api.kind, route), route.weight, last?.Weight),
    },
  );
  return entry as ListedRoute; // `done` accepts only a listed entry
}

/**
 * Creates the route; its answer, once the gateway is active again, confirms the weight and settings without a
 * listing when it shows them (createdEntry), else the listing must show the weight.
 */
async function createRoute(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  onCreated?: () => void,
): Promise<ListedRoute> {
  const desired = { weight: route.weight, publishVpc: route.publishVpc, priority: route.priority };
  let confirmed: ListedRoute | undefined;
  await gateway.write(
    async (client) => {
      const answer = await api.create(client, route);
      onCreated?.();
      return answer;
    },
    {
      kind: api.kind,
      change: (answer) => {
        const entry = (confirmed = createdEntry(api, route, answer, desired));
        // The kept listing, with the created entry in it.
        return (
          entry && ((listed) => [...listed.filter((e) => e !== findRoute(api.kind, listed, route)), entry])
        );
      },
    },
  );
  if (confirmed) return confirmed;
  const entry = await gateway.waitForRoute(
    api,
    route,
    (e) => e === null || (!!e && e.Weight === route.weight),
    `route ${formatRouteId(api.kind, route)} to be listed with weight ${route.weight}`,
  );
  if (!entry) throw new GatewayGoneError(formatRouteId(api.kind, route), route, "created");
  return entry;
}

/** Deletes the route as `current` shows it (the API wants its weight); gone already is done; waits until unlisted. */
export async function removeRoute(gateway: Gateway, api: RouteApi, route: RouteRef, current: ListedRoute) {
  try {
    await gateway.write((client) => api.remove(client, route, current));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  await gateway.waitForRoute(api, route, (e) => !e, `route ${formatRouteId(api.kind, route)} to be deleted`);
}

/** Deletes and creates the route again with its wanted settings; its siblings keep the destination routed. */
async function replace(
  gateway: Gateway,
  api: RouteApi,
  route: NewRoute,
  current: ListedRoute,
): Promise<ListedRoute> {
  await removeRoute(gateway, api, route, current);
  return createRoute(gateway, api, route);
}

/**
 * The entry a create made, read from its answer: CreateVpnRouteEntry and CreateVpnPbrRouteEntry return the
 * entry (RouteDest, NextHop, Weight, State, CreateTime...). Once the gateway is `active` again after that
 * answer the change is applied, so an answer that shows the requested weight and publish state confirms the
 * write without listing the table (1,000 routes are 20 pages). Undefined when the answer does not say
 * enough: then the listing confirms it, as for every other write.
 */
function createdEntry(
  api: RouteApi,
  route: NewRoute,
  answer: unknown,
  desired: Desired,
): ListedRoute | undefined {
  const a = (answer ?? {}) as Partial<ListedRoute>;
  if (typeof a.Weight !== "number" || typeof a.State !== "string" || typeof a.CreateTime !== "number") {
    return undefined;
  }
  const entry: ListedRoute = {
    VpnInstanceId: a.VpnInstanceId ?? route.vpnGatewayId,
    RouteDest: a.RouteDest ?? route.routeDest,
    NextHop: a.NextHop ?? route.nextHop,
    Weight: a.Weight,
    State: a.State,
    CreateTime: a.CreateTime,
    // A route made by Create*RouteEntry is a custom route (BGP learns the others); listings say "custom".
    RouteEntryType: a.RouteEntryType ?? CUSTOM_ROUTE_ENTRY_TYPE,
    ...(api.kind === "pbr" ? { RouteSource: a.RouteSource ?? route.routeSource, Priority: a.Priority } : {}),
  };
  if (!sameIdentity(api.kind, route, identityOf(route.vpnGatewayId, entry)) || !matches(entry, desired))
    return undefined;
  return entry;
}
