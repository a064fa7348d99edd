/**
 * The route lifecycle the engine drives (create, read, update, delete), each on the route's gateway and in
 * its route kind's API. check and diff need neither and live in validation/check.ts and diff.ts.
 */
import type * as pulumi from "@pulumi/pulumi";
import { VpcApiError, isCancelled } from "../api/errors";
import { ALREADY_EXISTS_CODE_PARTS, NEXT_HOP_NOT_FOUND_CODE } from "../constants";
import {
  CreateInterruptedError,
  GatewayNotFoundError,
  NextHopNotFoundError,
  RouteExistsError,
} from "../errors";
import type { Gateway } from "../gateway/gateway";
import {
  desiredOf,
  findRoute,
  formatRouteId,
  matches,
  type ListedRoute,
  type NewRoute,
  type RouteRef,
  type RouteApi,
} from "../routes";
import type { RouteInputs, RouteOutputs } from "../types";
import { converge, settled } from "./converge";
import { changedUpdateKeys } from "./diff";
import { compact, inputsOf, outputsOf } from "./outputs";
import { removeRoute, setWeight } from "./weightChange";

type Props = Record<string, unknown>;

const isAlreadyExists = (err: unknown): boolean =>
  err instanceof VpcApiError && ALREADY_EXISTS_CODE_PARTS.some((part) => err.code.includes(part));

/**
 * Creates the route (one ClientToken for all retries: the client keeps it), under the gateway's lock, then
 * waits until the gateway is active; the create's answer confirms the requested weight and publish state
 * (else the listing must show them). A route that is already there is an error naming the ID to adopt it
 * with, or is taken over with `adopt: true`. The look-up before the create is answered from the gateway's
 * kept listing, which this process's confirmed creates keep current. An active route whose destination has
 * an active one sets that one to standby first (weightChange.ts), one destination at a time in this process.
 * `regionSource`: where the gateway's region came from, for a gateway that is not found.
 */
export async function createRoute(
  gateway: Gateway,
  api: RouteApi,
  inputs: RouteInputs,
  regionSource: string,
): Promise<pulumi.dynamic.CreateResult<RouteOutputs>> {
  const route: NewRoute = {
    vpnGatewayId: inputs.vpnGatewayId,
    nextHop: inputs.nextHop,
    routeDest: inputs.routeDest,
    routeSource: inputs.routeSource,
    region: gateway.region,
    overlayMode: inputs.overlayMode,
    weight: inputs.weight,
    publishVpc: inputs.publishVpc,
    description: inputs.description,
    priority: inputs.priority,
  };
  const id = formatRouteId(api.kind, route);
  const desired = desiredOf(route);
  gateway.declared.record(api.kind, route);

  const adoptOrRefuse = async (existing: ListedRoute) => {
    if (inputs.adopt !== true) throw new RouteExistsError(api.kind, id, route.region);
    return converge(gateway, api, route, existing);
  };

  const entry = await gateway.withDestination(api.kind, route, async () => {
    // A route created outside this process since the kept listing shows up as the create's AlreadyExists.
    const listed = await gateway.list(api, false, true);
    if (listed === null) throw new GatewayNotFoundError(route, { regionSource });
    const existing = findRoute(api.kind, listed, route);
    if (existing) return adoptOrRefuse(existing);
    let written = false;
    try {
      const created = await setWeight(gateway, api, route, listed, () => (written = true));
      // The create's answer usually confirms every setting: no listing then.
      return matches(created, desired) ? created : await settled(gateway, api, route, desired);
    } catch (err) {
      // Stopped after the gateway took the create (cancelled, or a later step failed): the route exists, so
      // it must reach the state. (A write's request in flight is never cut off, so its answer says whether it
      // was taken; only an answer lost at that very moment leaves a route that `adopt: true` takes over, as
      // after a killed CLI.)
      if (written) {
        throw new CreateInterruptedError(
          id,
          inputs as unknown as Props,
          route.region,
          isCancelled(err) ? undefined : err,
        );
      }
      if (err instanceof VpcApiError && err.code === NEXT_HOP_NOT_FOUND_CODE) {
        throw new NextHopNotFoundError(id, route.nextHop, route.vpnGatewayId, route.region, err);
      }
      // Someone (another program, a person) created the same route between our look-up and our write.
      const raced = isAlreadyExists(err) ? await gateway.lookUp(api, route, true) : undefined;
      if (!raced) throw err;
      return adoptOrRefuse(raced);
    }
  });
  return { id, outs: outputsOf(api.kind, inputs as unknown as Props, route.region, entry) };
}

/**
 * Reads the route from the gateway's (shared) listing. A missing route or gateway means gone (no id).
 * Weight, publish state and priority come from the API and are returned as inputs too, so after a refresh
 * the next diff is against reality and `pulumi up` puts the program's values back.
 */
export async function readRoute(
  gateway: Gateway,
  api: RouteApi,
  route: RouteRef,
  props: Props,
): Promise<pulumi.dynamic.ReadResult<RouteOutputs>> {
  const entry = await gateway.lookUp(api, route);
  if (!entry) return {};
  const known = { ...props, ...route };
  if (known.overlayMode === undefined) delete known.overlayMode;
  if (api.kind === "dbr") delete known.routeSource;
  const outs = outputsOf(api.kind, known, route.region, entry);
  const inputs = inputsOf(outs as unknown as Props) as unknown as RouteOutputs;
  return { id: formatRouteId(api.kind, route), props: outs, inputs };
}

/**
 * Weight, publish state and priority change in place, from what the listing shows now (the API wants the
 * current weight and priority in each request). Nothing else reaches update: diff replaces for the rest. A
 * change of provider code alone makes no API call and keeps the old outputs. A route that is missing (an
 * earlier step failed between deleting and creating it again, or someone deleted it) is created again, so
 * the next `up` repairs the table without a refresh. (A route whose create was interrupted has no `state`
 * stored: its update is that create again, with `adopt: true`; see the runtime.)
 */
export async function updateRoute(
  gateway: Gateway,
  api: RouteApi,
  stored: RouteRef,
  olds: Props,
  news: Props,
): Promise<pulumi.dynamic.UpdateResult<RouteOutputs>> {
  const keep = compact({ ...olds, adopt: news.adopt }) as unknown as RouteOutputs;
  if (changedUpdateKeys(api.kind, olds, news).length === 0) return { outs: keep };

  const route: NewRoute = {
    ...stored,
    weight: news.weight as number,
    publishVpc: news.publishVpc as boolean,
    description: news.description as string | undefined,
    priority: api.kind === "pbr" ? (news.priority as number | undefined) : undefined,
  };
  gateway.declared.record(api.kind, route);
  const entry = await gateway.withDestination(api.kind, route, async () => {
    const listed = await gateway.list(api, true);
    if (listed === null) throw new GatewayNotFoundError(route, { updating: formatRouteId(api.kind, route) });
    return converge(gateway, api, route, findRoute(api.kind, listed, route), listed);
  });
  return { outs: outputsOf(api.kind, { ...keep, ...compact(news) }, route.region, entry) };
}

/**
 * Deletes with the entry's current weight and priority (the API refuses others) and the stored overlay mode,
 * then waits until the listing no longer shows it. A route or gateway that is already gone is success.
 */
export async function deleteRoute(gateway: Gateway, api: RouteApi, route: RouteRef): Promise<void> {
  await gateway.withDestination(api.kind, route, async () => {
    const current = await gateway.lookUp(api, route, true);
    if (current) await removeRoute(gateway, api, route, current);
  });
}
