import type * as pulumi from "@pulumi/pulumi";
import { loadRuntime } from "./loadRuntime";
import type { RouteInputs, RouteOutputs } from "./types";

export type VpnRouteProvider = pulumi.dynamic.ResourceProvider<RouteInputs, RouteOutputs>;

/*
 * The provider objects the engine serializes into every resource's `__provider`. Each method loads the
 * compiled runtime by package name when called, so the serialized text stays a few hundred bytes, holds no
 * configuration or secret, and a new package version takes effect without touching state.
 * One shared instance per resource type: the SDK caches serialization per provider object.
 */

/** The provider of `VpnRouteEntry` (destination-based routes). */
export const vpnRouteEntryProvider: VpnRouteProvider = {
  configure: (req) => loadRuntime().vpnRouteEntry.configure(req),
  check: (olds, news) => loadRuntime().vpnRouteEntry.check(olds, news),
  diff: (id, olds, news) => loadRuntime().vpnRouteEntry.diff(id, olds, news),
  create: (inputs) => loadRuntime().vpnRouteEntry.create(inputs),
  read: (id, props) => loadRuntime().vpnRouteEntry.read(id, props),
  update: (id, olds, news) => loadRuntime().vpnRouteEntry.update(id, olds, news),
  delete: (id, props) => loadRuntime().vpnRouteEntry.delete(id, props),
};

/** The provider of `VpnPbrRouteEntry` (policy-based routes). */
export const vpnPbrRouteEntryProvider: VpnRouteProvider = {
  configure: (req) => loadRuntime().vpnPbrRouteEntry.configure(req),
  check: (olds, news) => loadRuntime().vpnPbrRouteEntry.check(olds, news),
  diff: (id, olds, news) => loadRuntime().vpnPbrRouteEntry.diff(id, olds, news),
  create: (inputs) => loadRuntime().vpnPbrRouteEntry.create(inputs),
  read: (id, props) => loadRuntime().vpnPbrRouteEntry.read(id, props),
  update: (id, olds, news) => loadRuntime().vpnPbrRouteEntry.update(id, olds, news),
  delete: (id, props) => loadRuntime().vpnPbrRouteEntry.delete(id, props),
};
