import { isNotFound } from "../api/errors";
import { LISTING_POLL_GROWTH, MAX_LISTING_POLL_MS, DEFAULT_LISTING_POLL_MS } from "../constants";
import { sameIdentity } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteIdentity } from "../types";
import type { ListedRoute, RouteApi } from "./routeApi";

/** The key under which a gateway's listings are shared and dropped. */
export const gatewayKey = (region: string, vpnGatewayId: string): string => `${region}|${vpnGatewayId}`;
/** The key of one route kind's listing of a gateway. */
export const listingKey = (api: RouteApi, region: string, vpnGatewayId: string): string =>
  `${api.kind}|${gatewayKey(region, vpnGatewayId)}`;

/**
 * All routes of one kind on one gateway, shared between reads (see ListingCache); `fresh` asks for a
 * listing that starts now, for callers that must see the gateway as it is now; `afterOwnWrites` accepts a
 * kept listing that this process's own writes have changed since.
 */
export function listRoutes(
  ctx: RuntimeContext,
  api: RouteApi,
  region: string,
  vpnGatewayId: string,
  fresh = false,
  afterOwnWrites = false,
): Promise<ListedRoute[]> {
  const gateway = gatewayKey(region, vpnGatewayId);
  return ctx.listings.list(
    gateway,
    listingKey(api, region, vpnGatewayId),
    () => api.list(ctx.client, { RegionId: region, VpnGatewayId: vpnGatewayId }),
    fresh,
    afterOwnWrites,
  ) as Promise<ListedRoute[]>;
}

export function findRoute(
  api: RouteApi,
  entries: ListedRoute[],
  route: RouteIdentity,
): ListedRoute | undefined {
  return entries.find((e) =>
    sameIdentity(api.kind, route, {
      vpnGatewayId: route.vpnGatewayId,
      nextHop: e.NextHop,
      routeDest: e.RouteDest,
      routeSource: e.RouteSource,
    }),
  );
}

/** The gateway's routes of one kind, `null` when the gateway itself is gone. */
export async function listGateway(
  ctx: RuntimeContext,
  api: RouteApi,
  route: { region: string; vpnGatewayId: string },
  fresh = false,
  afterOwnWrites = false,
): Promise<ListedRoute[] | null> {
  try {
    return await listRoutes(ctx, api, route.region, route.vpnGatewayId, fresh, afterOwnWrites);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** The route's entry, `undefined` when it is not listed, `null` when the gateway itself is gone. */
export async function lookUpRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  route: RouteIdentity & { region: string },
  fresh = false,
  afterOwnWrites = false,
): Promise<ListedRoute | undefined | null> {
  try {
    const entries = await listRoutes(ctx, api, route.region, route.vpnGatewayId, fresh, afterOwnWrites);
    return findRoute(api, entries, route);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/**
 * Polls the listing until `done` accepts the route's entry (or its absence: `undefined`; a gone gateway is
 * `null`). Writes are asynchronous: the gateway turning `active` is not proof that the listing shows the change.
 */
export async function waitForRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  route: RouteIdentity & { region: string },
  done: (entry: ListedRoute | undefined | null) => boolean,
  what: string,
  /** A shorter wait than the operation's deadline, ending in this error (given the last entry seen). */
  limit?: { ms: number; error: (last: ListedRoute | undefined | null) => Error },
): Promise<ListedRoute | undefined | null> {
  const deadline = ctx.now() + (limit?.ms ?? ctx.deadlineMs);
  let delay = ctx.pollMs ?? DEFAULT_LISTING_POLL_MS;
  for (;;) {
    const entry = await lookUpRoute(ctx, api, route, true);
    if (done(entry)) return entry;
    if (ctx.now() + delay > deadline) {
      if (limit) throw limit.error(entry);
      const seen =
        entry === null
          ? "the gateway is gone"
          : entry
            ? `weight ${entry.Weight}, state ${entry.State}`
            : "not listed";
      throw new Error(
        `Timed out after ${Math.round(ctx.deadlineMs / 1000)} s waiting for ${what} (last seen: ${seen}). ` +
          `Run \`pulumi refresh\` to record what the gateway holds now, or raise alicloud-vpn:deadlineSeconds.`,
      );
    }
    await ctx.sleep(delay);
    delay = Math.min(MAX_LISTING_POLL_MS, Math.round(delay * LISTING_POLL_GROWTH));
  }
}
