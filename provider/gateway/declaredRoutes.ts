import { UNKNOWN } from "../constants";
import { destinationKey, type NewRoute } from "../routes";
import type { RouteKind } from "../types";

/** One route of one destination on the gateway. */
const routeKey = (kind: RouteKind, route: NewRoute): string =>
  `${destinationKey(kind, route)}|${route.nextHop}`;

/**
 * The routes of one gateway this provider process has been told about in this deployment (by check, create or update),
 * as the program declares them. The API changes a destination route's weight only after the other route of
 * its destination is deleted and configured again, so a route whose promotion must first demote an active
 * sibling needs to know how that sibling is declared: the engine registers the two as separate steps and
 * may run the promotion first (`--parallel 1`, or the program's order), while the sibling's check has
 * already arrived or is about to.
 */
export class DeclaredRoutes {
  private readonly routes = new Map<string, NewRoute>();
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Records a route's declared settings; values still unknown (a preview) are not recorded. */
  record(kind: RouteKind, route: NewRoute): void {
    const identity = [route.vpnGatewayId, route.routeDest, route.nextHop, route.routeSource];
    if (identity.some((v) => v === UNKNOWN) || typeof route.weight !== "number") return;
    const key = routeKey(kind, route);
    this.routes.set(key, { ...route });
    for (const wake of this.waiters.get(key) ?? []) wake();
    this.waiters.delete(key);
  }

  find(kind: RouteKind, route: NewRoute): NewRoute | undefined {
    return this.routes.get(routeKey(kind, route));
  }

  /** The route as declared, waiting up to `ms` for its declaration to arrive; undefined when it does not. */
  async waitFor(
    kind: RouteKind,
    route: NewRoute,
    ms: number,
    sleep: (ms: number) => Promise<void>,
  ): Promise<NewRoute | undefined> {
    const found = this.find(kind, route);
    if (found || ms <= 0) return found;
    const key = routeKey(kind, route);
    let wake!: () => void;
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    const waiting = this.waiters.get(key) ?? new Set();
    waiting.add(wake);
    this.waiters.set(key, waiting);
    try {
      await Promise.race([arrived, sleep(ms)]);
    } finally {
      waiting.delete(wake);
    }
    return this.find(kind, route);
  }
}
