import type * as pulumi from "@pulumi/pulumi";
import { VpcApiError, isCancelled } from "../api/errors";
import { CreateInterruptedError } from "../errors/CreateInterruptedError";
import { ALREADY_EXISTS_CODE_PARTS, NEXT_HOP_NOT_FOUND_CODE } from "../constants";
import { NextHopNotFoundError } from "../errors/NextHopNotFoundError";
import { RouteExistsError } from "../errors/RouteExistsError";
import { formatRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteInputs, RouteOutputs } from "../types";
import { converge, desiredOf, settled } from "./converge";
import { findRoute, listGateway, lookUpRoute } from "./listing";
import { outputsOf } from "./outputs";
import { matches } from "./plan";
import type { ListedRoute, NewRoute, RouteApi } from "./routeApi";
import { setWeight, withDestination } from "./weightChange";

const isAlreadyExists = (err: unknown): boolean =>
  err instanceof VpcApiError && ALREADY_EXISTS_CODE_PARTS.some((part) => err.code.includes(part));

/**
 * Creates the route (one ClientToken for all retries: the client keeps it), under the gateway's lock, then
 * waits until the gateway is active; the create's answer confirms the requested weight and publish state
 * (else the listing must show them). A route that is already there is an error naming the ID to adopt it
 * with, or is taken over with `adopt: true`. The look-up before the create is answered from the gateway's
 * kept listing, which this process's confirmed creates keep current. An active route whose destination has
 * an active one sets that one to standby first (weightChange.ts), one destination at a time in this process.
 */
export async function createRoute(
  ctx: RuntimeContext,
  api: RouteApi,
  inputs: RouteInputs,
): Promise<pulumi.dynamic.CreateResult<RouteOutputs>> {
  const route: NewRoute = {
    vpnGatewayId: inputs.vpnGatewayId,
    nextHop: inputs.nextHop,
    routeDest: inputs.routeDest,
    routeSource: inputs.routeSource,
    region: ctx.region(inputs.region),
    overlayMode: inputs.overlayMode,
    weight: inputs.weight,
    publishVpc: inputs.publishVpc,
    description: inputs.description,
    priority: inputs.priority,
  };
  const id = formatRouteId(api.kind, route);
  const desired = desiredOf(route);
  ctx.declared.record(api.kind, route);

  const adoptOrRefuse = async (existing: ListedRoute) => {
    if (inputs.adopt !== true) throw new RouteExistsError(api.kind, id, route.region);
    return converge(ctx, api, route, existing);
  };

  const entry = await withDestination(ctx, api.kind, route, async () => {
    // A route created outside this process since the kept listing shows up as the create's AlreadyExists.
    const listed = await listGateway(ctx, api, route, false, true);
    if (listed === null) {
      throw new Error(
        `VPN gateway ${route.vpnGatewayId} was not found in region ${route.region} (from ` +
          `${ctx.regionSource(inputs.region)}): check vpnGatewayId and region (set the route's region input ` +
          `if the gateway is in another region), and that the credentials belong to the gateway's account.`,
      );
    }
    const existing = findRoute(api, listed, route);
    if (existing) return adoptOrRefuse(existing);
    let written = false;
    try {
      const created = await setWeight(ctx, api, route, listed, () => (written = true));
      // The create's answer usually confirms every setting: no listing then.
      return matches(created, desired) ? created : await settled(ctx, api, route, desired);
    } catch (err) {
      // Cancelled after the gateway took the create: the route exists, so it must reach the state. (A write's
      // request in flight is never cut off, so its answer says whether it was taken; only an answer lost at
      // that very moment leaves a route that `adopt: true` takes over, as after a killed CLI.)
      if (written && isCancelled(err)) {
        throw new CreateInterruptedError(id, inputs as unknown as Record<string, unknown>, route.region);
      }
      if (err instanceof VpcApiError && err.code === NEXT_HOP_NOT_FOUND_CODE) {
        throw new NextHopNotFoundError(id, route.nextHop, route.vpnGatewayId, route.region, err);
      }
      // Someone (another program, a person) created the same route between our look-up and our write.
      const raced = isAlreadyExists(err) ? await lookUpRoute(ctx, api, route, true) : undefined;
      if (!raced) throw err;
      return adoptOrRefuse(raced);
    }
  });
  return { id, outs: outputsOf(api.kind, inputs as unknown as Record<string, unknown>, route.region, entry) };
}
