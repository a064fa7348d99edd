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
import { SIBLING_DECLARATION_WAIT_MS, WEIGHT_ACTIVE, WEIGHT_CONFIRM_MS, WEIGHT_STANDBY } from "../constants";
import { TwoActiveRoutesError, UndeclaredActiveRouteError } from "../errors/SiblingRouteErrors";
import { WeightNotAppliedError } from "../errors/WeightNotAppliedError";
import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteKind } from "../types";
import { canonicalCidr } from "../validation/cidr";
import { createdEntry, withCreated } from "./created";
import { destinationKey } from "./declaredRoutes";
import { findRoute, listRoutes, waitForRoute } from "./listing";
import { isPublished } from "./plan";
import type { ListedRoute, NewRoute, RouteApi, RouteRef } from "./routeApi";
import { writeExclusive } from "./writes";

/** Runs `fn` with no other weight change, create or delete of this destination running in this process. */
export function withDestination<T>(
  ctx: RuntimeContext,
  kind: RouteKind,
  route: RouteRef,
  fn: () => Promise<T>,
): Promise<T> {
  return ctx.destinations.runExclusive(destinationKey(kind, route), fn);
}

function sameDestination(kind: RouteKind, entry: ListedRoute, route: RouteRef): boolean {
  if (canonicalCidr(entry.RouteDest) !== canonicalCidr(route.routeDest)) return false;
  return kind === "dbr" || canonicalCidr(entry.RouteSource ?? "") === canonicalCidr(route.routeSource ?? "");
}

/** The destination's routes in `entries` (else as the gateway lists them now): this one and the others. */
async function destination(ctx: RuntimeContext, api: RouteApi, route: RouteRef, listed?: ListedRoute[]) {
  const entries = listed ?? (await listRoutes(ctx, api, route.region, route.vpnGatewayId, true));
  const self = findRoute(api, entries, route);
  const siblings = entries.filter((e) => e !== self && sameDestination(api.kind, e, route));
  return { self, siblings };
}

/** The active sibling at weight 0: as declared, else with what the listing shows (all but a description). */
function standbyOf(ctx: RuntimeContext, api: RouteApi, route: NewRoute, active: ListedRoute): NewRoute {
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
  const declared = ctx.declared.find(api.kind, ref);
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
  ctx: RuntimeContext,
  api: RouteApi,
  route: NewRoute,
  active: ListedRoute,
): Promise<NewRoute> {
  const standby = standbyOf(ctx, api, route, active);
  const declared = await ctx.declared.waitFor(api.kind, standby, SIBLING_DECLARATION_WAIT_MS, (ms) =>
    ctx.sleep(ms),
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
  return standbyOf(ctx, api, route, active);
}

/**
 * Takes the route to `route.weight` (creating it when it is missing, with every declared setting); returns
 * the listed entry once it shows that weight. `listed`: the gateway's entries as just listed, if at hand.
 */
export async function setWeight(
  ctx: RuntimeContext,
  api: RouteApi,
  route: NewRoute,
  listed?: ListedRoute[],
  /** Called once the gateway has answered a create of this route (the route exists from then on). */
  onCreated?: () => void,
): Promise<ListedRoute> {
  const create = (target: NewRoute) => createRoute(ctx, api, target, onCreated);
  const { self, siblings } = await destination(ctx, api, route, listed);
  const active = route.weight === WEIGHT_ACTIVE ? siblings.filter((e) => e.Weight === WEIGHT_ACTIVE) : [];
  // A new route that needs no sibling changed is a plain create, whatever the gateway's mode.
  if (!self && active.length === 0) return create(route);
  const dual = await ctx.gatewayModes.isDualTunnel(ctx.client, route.region, route.vpnGatewayId);
  // The only other route, on a single-tunnel gateway, changes by its weight alone (it keeps its settings).
  const lonePair = !dual && siblings.length === 1 && active.length === 1;
  const standbys: NewRoute[] = [];
  for (const entry of active) {
    standbys.push(
      lonePair ? standbyOf(ctx, api, route, entry) : await declaredStandby(ctx, api, route, entry),
    );
  }

  if (!self) {
    if (lonePair) {
      await modify(ctx, api, standbys[0], active[0]);
      return create(route);
    }
    const created = await create({ ...route, weight: WEIGHT_STANDBY });
    for (const [i, standby] of standbys.entries()) await replace(ctx, api, standby, active[i]);
    return replace(ctx, api, route, created);
  }
  if (siblings.length === 0 && !dual) return modify(ctx, api, route, self);
  if (lonePair) {
    await removeRoute(ctx, api, route, self);
    await modify(ctx, api, standbys[0], active[0]);
    return create(route);
  }
  for (const [i, standby] of standbys.entries()) await replace(ctx, api, standby, active[i]);
  return replace(ctx, api, route, self);
}

async function modify(
  ctx: RuntimeContext,
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
  await writeExclusive(ctx, route, () =>
    attribute
      ? attribute(ctx.client, route, current, { weight: route.weight, priority: route.priority })
      : api.modifyWeight(ctx.client, route, current, route.weight),
  );
  return confirmWeight(ctx, api, route, action);
}

/**
 * The gateway has applied the write (writeExclusive waited for it): the listing shows the weight within
 * WEIGHT_CONFIRM_MS, or the write was ignored.
 */
async function confirmWeight(
  ctx: RuntimeContext,
  api: RouteApi,
  route: NewRoute,
  action: string,
): Promise<ListedRoute> {
  const entry = await waitForRoute(
    ctx,
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
 * listing when it shows them (created.ts), else the listing must show the weight.
 */
async function createRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  route: NewRoute,
  onCreated?: () => void,
): Promise<ListedRoute> {
  const desired = { weight: route.weight, publishVpc: route.publishVpc, priority: route.priority };
  let confirmed: ListedRoute | undefined;
  await writeExclusive(
    ctx,
    route,
    async () => {
      const answer = await api.create(ctx.client, route);
      onCreated?.();
      return answer;
    },
    (answer) => {
      confirmed = createdEntry(api, route, answer, desired);
      return confirmed && withCreated(api, route, confirmed);
    },
  );
  if (confirmed) return confirmed;
  const entry = await waitForRoute(
    ctx,
    api,
    route,
    (e) => e === null || (!!e && e.Weight === route.weight),
    `route ${formatRouteId(api.kind, route)} to be listed with weight ${route.weight}`,
  );
  if (!entry) {
    throw new Error(
      `VPN gateway ${route.vpnGatewayId} disappeared in region ${route.region} while route ` +
        `${formatRouteId(api.kind, route)} was being created.`,
    );
  }
  return entry;
}

/** Deletes the route as `current` shows it (the API wants its weight); gone already is done; waits until unlisted. */
export async function removeRoute(ctx: RuntimeContext, api: RouteApi, route: RouteRef, current: ListedRoute) {
  try {
    await writeExclusive(ctx, route, () => api.remove(ctx.client, route, current));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  await waitForRoute(ctx, api, route, (e) => !e, `route ${formatRouteId(api.kind, route)} to be deleted`);
}

/** Deletes and creates the route again with its wanted settings; its siblings keep the destination routed. */
async function replace(
  ctx: RuntimeContext,
  api: RouteApi,
  route: NewRoute,
  current: ListedRoute,
): Promise<ListedRoute> {
  await removeRoute(ctx, api, route, current);
  return createRoute(ctx, api, route);
}
