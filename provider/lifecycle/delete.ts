import type { RuntimeContext } from "../runtime/context";
import { routeRefOf } from "./identity";
import { lookUpRoute } from "./listing";
import type { RouteApi } from "./routeApi";
import { removeRoute, withDestination } from "./weightChange";

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
    if (current) await removeRoute(ctx, api, route, current);
  });
}
