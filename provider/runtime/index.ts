/**
 * The provider runtime: what the serialized providers load by package name (`alicloud-vpn-routes/runtime`)
 * inside the provider process. One instance per process, shared by both resource kinds, so writes to a
 * gateway are ordered across VpnRouteEntry and VpnPbrRouteEntry alike.
 */
import { dbrApi } from "../lifecycle/dbrApi";
import { pbrApi } from "../lifecycle/pbrApi";
import { RUNTIME_KEY } from "../resourceProviders";
import { RuntimeContext } from "./context";
import { routeProvider, type RouteProvider } from "./routeProvider";

export interface ProviderRuntime {
  readonly context: RuntimeContext;
  readonly vpnRouteEntry: RouteProvider;
  readonly vpnPbrRouteEntry: RouteProvider;
}

function createRuntime(): ProviderRuntime {
  const context = new RuntimeContext();
  return {
    context,
    vpnRouteEntry: routeProvider(context, dbrApi),
    vpnPbrRouteEntry: routeProvider(context, pbrApi),
  };
}

const registry = globalThis as { [key: symbol]: ProviderRuntime | undefined };
const key = Symbol.for(RUNTIME_KEY);
// Whichever copy of this module loads first serves the process (the package may be reachable by two paths).
export const runtime: ProviderRuntime = (registry[key] ??= createRuntime());

export type { RuntimeOptions } from "./context";
export { RuntimeContext } from "./context";
