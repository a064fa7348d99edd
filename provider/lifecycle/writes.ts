import type { RuntimeContext } from "../runtime/context";
import { followUpPollGrowth, followUpPollMs } from "./applyTimes";
import { gatewayKey } from "./listing";
import { scopeOf, type RouteApi, type RouteRef, type ListedRoute } from "./routeApi";
import type { Step } from "./plan";

/** What a confirmed write did to one listing of its gateway (the key of listingKey). */
export interface ListingChange {
  key: string;
  change: (entries: unknown[]) => unknown[];
}

/**
 * Runs one write under the gateway's lock and keeps the lock until the gateway is `active` again: the
 * gateway takes one change at a time (VpnGateway.Configuring otherwise), so the next write in this process
 * starts only when it can succeed. `effect` says, from the write's answer, what it did to the gateway's
 * listing; the kept listing is then updated instead of dropped (a write of unknown effect drops it at once).
 */
export function writeExclusive<T>(
  ctx: RuntimeContext,
  route: RouteRef,
  write: () => Promise<T>,
  effect?: (answer: T) => ListingChange | undefined,
): Promise<T> {
  const gateway = gatewayKey(route.region, route.vpnGatewayId);
  return ctx.scheduler.runExclusive(route.vpnGatewayId, async () => {
    if (!effect) ctx.listings.invalidate(gateway);
    let known: ListingChange | undefined;
    try {
      const answer = await write();
      // Only a gateway seen active again says the change is applied.
      if (await waitUntilApplied(ctx, route, gateway)) known = effect?.(answer);
      return answer;
    } finally {
      if (known) ctx.listings.apply(gateway, known.key, known.change);
      else ctx.listings.invalidate(gateway);
    }
  });
}

/**
 * Waits the gateway's learned apply time, then polls it until it is active again (true), or until a look
 * after the learned time is throttled (false). The polls are a small
 * fraction of the apply time (a 1 s gateway is asked every 50 ms, a 10 s one every 500 ms): the next write
 * waits on this, so a coarse poll costs every write on the gateway.
 */
async function waitUntilApplied(ctx: RuntimeContext, route: RouteRef, gateway: string): Promise<boolean> {
  const answeredAt = ctx.now();
  const expected = ctx.applyTimes.expectedMs(gateway);
  await ctx.sleep(expected);
  const pollMs = ctx.pollMs ?? followUpPollMs(expected);
  const pollGrowth = followUpPollGrowth(expected);
  // Once the learned apply time has passed, a throttled look (1 s x-acs-retry-after) does not hold the next
  // write back: the gateway is most likely done, and a write that finds it busy is retried anyway.
  const seen = await ctx.client.waitForGatewayActive(scopeOf(route), {
    pollMs,
    pollGrowth,
    releaseOnThrottle: expected > 0,
  });
  if (seen.throttled) return false; // nothing learned of the gateway
  ctx.applyTimes.record(gateway, {
    lastBusyAfterMs: seen.lastBusyAt === undefined ? undefined : seen.lastBusyAt - answeredAt,
    activeAskedAfterMs: seen.activeAskedAt - answeredAt,
  });
  return true;
}

/**
 * Applies one planned publish or priority step to the entry as it is now; returns the entry as it will be.
 * Weights change only through weightChange.ts, which knows the API's rules for them.
 */
export async function applyStep(
  ctx: RuntimeContext,
  api: RouteApi,
  route: RouteRef,
  current: ListedRoute,
  step: Exclude<Step, { op: "weight" }>,
): Promise<ListedRoute> {
  const client = ctx.client;
  switch (step.op) {
    case "publish":
      await writeExclusive(ctx, route, () => api.publish(client, route, step.publish));
      return { ...current, State: step.publish ? "published" : "normal" };
    case "priority": {
      const modifyPriority = api.modifyPriority;
      if (!modifyPriority) throw new Error(`${api.kind} routes have no priority`);
      await writeExclusive(ctx, route, () => modifyPriority(client, route, current, step.to));
      return { ...current, Priority: step.to };
    }
  }
}
