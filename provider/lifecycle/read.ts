import type * as pulumi from "@pulumi/pulumi";
import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteOutputs } from "../types";
import { routeRefOf } from "./identity";
import { lookUpRoute } from "./listing";
import { inputsOf, outputsOf } from "./outputs";
import type { RouteApi } from "./routeApi";

/**
 * Reads the route from the gateway's (shared) listing. A missing route or gateway means gone (no id).
 * Weight, publish state and priority come from the API and are returned as inputs too, so after a refresh
 * the next diff is against reality and `pulumi up` puts the program's values back.
 */
export async function readRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  id: string,
  props: Record<string, unknown>,
): Promise<pulumi.dynamic.ReadResult<RouteOutputs>> {
  const route = routeRefOf(ctx, api.kind, id, props);
  const entry = await lookUpRoute(ctx, api, route);
  if (!entry) return {};
  const known = { ...props, ...route };
  if (known.overlayMode === undefined) delete known.overlayMode;
  if (api.kind === "dbr") delete known.routeSource;
  const outs = outputsOf(api.kind, known, route.region, entry);
  const inputs = inputsOf(outs as unknown as Record<string, unknown>) as unknown as RouteOutputs;
  return { id: formatRouteId(api.kind, route), props: outs, inputs };
}
