import { PROVIDER_KEY } from "../constants";
import type { RouteKind, RouteOutputs } from "../types";
import { isPublished } from "./plan";
import type { ListedRoute } from "./routeApi";

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
