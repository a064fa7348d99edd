import type * as pulumi from "@pulumi/pulumi";
import { changedUpdateKeys } from "../diff";
import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteInputs, RouteOutputs } from "../types";
import { createRoute } from "./create";
import { converge } from "./converge";
import { routeRefOf } from "./identity";
import { lookUpRoute } from "./listing";
import { compact, outputsOf } from "./outputs";
import type { RouteApi } from "./routeApi";

/**
 * Weight, publish state and priority change in place, from what the listing shows now (the API wants the
 * current weight and priority in each request). Nothing else reaches update: diff replaces for the rest. A
 * change of provider code alone makes no API call and keeps the old outputs.
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

  const route = routeRefOf(ctx, api.kind, id, olds);
  const current = await lookUpRoute(ctx, api, route, true);
  if (!current) {
    const where =
      current === null ? `gateway ${route.vpnGatewayId} no longer exists` : "it is no longer on the gateway";
    throw new Error(
      `Cannot update route ${formatRouteId(api.kind, route)}: ${where}. Run \`pulumi refresh\` so Pulumi forgets it; ` +
        `the next \`pulumi up\` creates it again.`,
    );
  }
  const desired = {
    weight: news.weight as number,
    publishVpc: news.publishVpc as boolean,
    priority: api.kind === "pbr" ? (news.priority as number | undefined) : undefined,
  };
  const entry = await converge(ctx, api, route, current, desired);
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
