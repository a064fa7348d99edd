import type * as pulumi from "@pulumi/pulumi";
import { changedUpdateKeys } from "../diff";
import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteInputs, RouteOutputs } from "../types";
import { createRoute } from "./create";
import { converge } from "./converge";
import { routeRefOf } from "./identity";
import { findRoute, listGateway } from "./listing";
import { compact, outputsOf } from "./outputs";
import type { NewRoute, RouteApi } from "./routeApi";
import { withDestination } from "./weightChange";

/**
 * Weight, publish state and priority change in place, from what the listing shows now (the API wants the
 * current weight and priority in each request). Nothing else reaches update: diff replaces for the rest. A
 * change of provider code alone makes no API call and keeps the old outputs. A route that is missing (an
 * earlier step failed between deleting and creating it again, or someone deleted it) is created again, so
 * the next `up` repairs the table without a refresh.
 */
export async function updateRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<RouteOutputs>> {
  // A create cancelled after its write was sent left the route in the state without what only a listing
  // confirms (CreateInterruptedError): the engine updates it on the next `up`, which finishes that create.
  if (olds.state === undefined) return finishInterruptedCreate(ctx, api, news);
  const keep = compact({ ...olds, adopt: news.adopt }) as unknown as RouteOutputs;
  if (changedUpdateKeys(api.kind, olds, news).length === 0) return { outs: keep };

  const route: NewRoute = {
    ...routeRefOf(ctx, api.kind, id, olds),
    weight: news.weight as number,
    publishVpc: news.publishVpc as boolean,
    description: news.description as string | undefined,
    priority: api.kind === "pbr" ? (news.priority as number | undefined) : undefined,
  };
  ctx.declared.record(api.kind, route);
  const entry = await withDestination(ctx, api.kind, route, async () => {
    const listed = await listGateway(ctx, api, route, true);
    if (listed === null) {
      throw new Error(
        `Cannot update route ${formatRouteId(api.kind, route)}: gateway ${route.vpnGatewayId} no longer exists. ` +
          `Run \`pulumi refresh\` so Pulumi forgets it; the next \`pulumi up\` creates it again.`,
      );
    }
    return converge(ctx, api, route, findRoute(api, listed, route), listed);
  });
  return { outs: outputsOf(api.kind, { ...keep, ...compact(news) }, route.region, entry) };
}

/** Takes the route over if the gateway has it (the write of the cancelled create went through), else creates it. */
async function finishInterruptedCreate(
  ctx: RuntimeContext,
  api: RouteApi,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<RouteOutputs>> {
  const { outs } = await createRoute(ctx, api, { ...news, adopt: true } as unknown as RouteInputs);
  return { outs: compact({ ...outs, adopt: news.adopt }) as RouteOutputs };
}
