import { isNotFound } from "../api/errors";
import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import { routeRefOf } from "./identity";
import { lookUpRoute, waitForRoute } from "./listing";
import type { RouteApi } from "./routeApi";
import { withDestination } from "./weightChange";
import { writeExclusive } from "./writes";

/**
 * Deletes with the entry's current weight and priority (the API refuses others) and the stored overlay mode,
 * then waits until the listing no longer shows it. A route or gateway that is already gone is success.
 */
export async function deleteRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  id: string,
  props: Record<string, unknown>,
): Promise<void> {
  const route = routeRefOf(ctx, api.kind, id, props);
  await withDestination(ctx, api.kind, route, async () => {
    const current = await lookUpRoute(ctx, api, route, true);
    if (!current) return;
    try {
      await writeExclusive(ctx, route, () => api.remove(ctx.client, route, current));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    await waitForRoute(ctx, api, route, (e) => !e, `route ${formatRouteId(api.kind, route)} to be deleted`);
  });
}
