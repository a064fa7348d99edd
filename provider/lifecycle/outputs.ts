import { PROVIDER_KEY } from "../constants";
import type { RouteKind, RouteOutputs } from "../types";
import { isPublished, parseRouteId, type ListedRoute, type RouteRef } from "../routes";

/**
 * Output-only properties (everything else in the outputs is an input). `vpnInstanceId` (the gateway's ID again)
 * is no longer written, to keep state small; stacks written by 0.1.0 still hold it.
 */
export const OUTPUT_ONLY_KEYS = ["state", "createTime", "routeEntryType", "vpnInstanceId"] as const;

/** Drops undefined values (a protobuf Struct cannot hold them) and the engine's `__provider`. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => v !== undefined && k !== PROVIDER_KEY),
  ) as T;
}

/**
 * The outputs: the inputs, with what the listing reports taking precedence (weight, publish state, priority)
 * and the resolved region, so read, update and delete need nothing but these.
 */
export function outputsOf(
  kind: RouteKind,
  inputs: Record<string, unknown>,
  region: string,
  entry: ListedRoute,
): RouteOutputs {
  return compact({
    ...(inputs as object),
    region,
    weight: entry.Weight,
    publishVpc: isPublished(entry),
    priority: kind === "pbr" ? (entry.Priority ?? inputs.priority) : undefined,
    state: entry.State,
    createTime: entry.CreateTime,
    routeEntryType: entry.RouteEntryType,
  } as RouteOutputs);
}

/** The inputs part of stored outputs. */
export function inputsOf(outputs: Record<string, unknown>): Record<string, unknown> {
  const inputs = { ...outputs };
  for (const key of OUTPUT_ONLY_KEYS) delete inputs[key];
  return compact(inputs);
}

/**
 * The route the stored outputs describe. Outputs written by this provider always hold the identity; with
 * only an ID (an import attempt, or state edited by hand) it is parsed from the ID. `region`: the stored
 * one, else the configured default.
 */
export function routeRefOf(
  kind: RouteKind,
  id: string,
  props: Record<string, unknown>,
  region: string,
): RouteRef {
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const fromProps = {
    vpnGatewayId: str(props.vpnGatewayId),
    nextHop: str(props.nextHop),
    routeDest: str(props.routeDest),
    routeSource: kind === "pbr" ? str(props.routeSource) : undefined,
  };
  const complete =
    fromProps.vpnGatewayId &&
    fromProps.nextHop &&
    fromProps.routeDest &&
    (kind === "dbr" || fromProps.routeSource);
  const identity = complete ? (fromProps as RouteRef) : parseRouteId(kind, id);
  return {
    vpnGatewayId: identity.vpnGatewayId,
    nextHop: identity.nextHop,
    routeDest: identity.routeDest,
    ...(kind === "pbr" ? { routeSource: identity.routeSource } : {}),
    region,
    overlayMode: str(props.overlayMode),
  };
}
