import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PRIORITY, PROVIDER_KEY, UNKNOWN } from "../constants";
import type { RouteKind } from "../types";
import { canonicalCidr } from "../validation/cidr";

/** Changing any of these makes a different route: the API has no way to modify them. */
const REPLACE_KEYS: Record<RouteKind, readonly string[]> = {
  dbr: ["vpnGatewayId", "routeDest", "nextHop", "region", "overlayMode", "description"],
  pbr: ["vpnGatewayId", "routeSource", "routeDest", "nextHop", "region", "overlayMode", "description"],
};
/** The API modifies these in place. */
const UPDATE_KEYS: Record<RouteKind, readonly string[]> = {
  dbr: ["weight", "publishVpc"],
  pbr: ["weight", "publishVpc", "priority"],
};
/** The slot a route occupies on its gateway: two routes with equal identity cannot exist side by side. */
const IDENTITY_KEYS: Record<RouteKind, readonly string[]> = {
  dbr: ["vpnGatewayId", "routeDest", "nextHop"],
  pbr: ["vpnGatewayId", "routeSource", "routeDest", "nextHop"],
};
const CIDR_KEYS = new Set(["routeDest", "routeSource"]);

type Props = Record<string, unknown>;

function normalised(kind: RouteKind, key: string, value: unknown): unknown {
  if (CIDR_KEYS.has(key) && typeof value === "string") return canonicalCidr(value);
  // State written before the default was applied, or by hand, has no priority: the API's default applies.
  if (kind === "pbr" && key === "priority" && value === undefined) return DEFAULT_PRIORITY;
  return value;
}

function differs(kind: RouteKind, key: string, olds: Props, news: Props): boolean {
  const next = news[key];
  if (next === UNKNOWN) return true; // not known until the apply: assume it changes (an unknown replace-key means replace)
  // Without an explicit region the route stays in the region it was created in (stored as an output).
  if (key === "region" && next === undefined) return false;
  return normalised(kind, key, olds[key]) !== normalised(kind, key, next);
}

/**
 * The properties that differ between stored outputs and checked inputs: those that make a different route
 * (`replaces`) and those the API changes in place (`updates`). The provider plugin reports them per property
 * (plugin/detailedDiff.ts).
 */
export function routeChanges(
  kind: RouteKind,
  olds: Props,
  news: Props,
): { replaces: string[]; updates: string[] } {
  return {
    replaces: REPLACE_KEYS[kind].filter((k) => differs(kind, k, olds, news)),
    updates: UPDATE_KEYS[kind].filter((k) => differs(kind, k, olds, news)),
  };
}

/**
 * Exact diff of stored outputs (`olds`) against checked inputs (`news`). `changes` is always explicit, so
 * the engine never falls back to its own diff of every input including `__provider`.
 */
export function diffRoute(kind: RouteKind, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const { replaces, updates } = routeChanges(kind, olds, news);
  // A new provider build alone: an update that only refreshes the stored `__provider` (no API call), so that
  // destroy and refresh later run the new code.
  const providerChanged = news[PROVIDER_KEY] !== undefined && news[PROVIDER_KEY] !== olds[PROVIDER_KEY];
  if (replaces.length > 0) {
    // Create-before-delete would fail when the replacement takes the old route's slot (e.g. only the
    // description changed); an unknown identity value may be equal, so it counts as a collision.
    const collides = IDENTITY_KEYS[kind].every((k) => news[k] === UNKNOWN || !differs(kind, k, olds, news));
    return { changes: true, replaces, deleteBeforeReplace: collides };
  }
  return { changes: updates.length > 0 || providerChanged, replaces: [], deleteBeforeReplace: false };
}

/** The in-place changes between stored outputs and new inputs, in the API's terms. */
export function changedUpdateKeys(kind: RouteKind, olds: Props, news: Props): string[] {
  return UPDATE_KEYS[kind].filter((k) => differs(kind, k, olds, news));
}
