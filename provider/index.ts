export { VpnRouteEntry, vpnRouteEntryProvider } from "./vpnRouteEntry";
export { VpnPbrRouteEntry, vpnPbrRouteEntryProvider } from "./vpnPbrRouteEntry";
export type { VpnRouteProvider } from "./resourceProviders";
export type { VpnRouteEntryArgs, VpnPbrRouteEntryArgs, RouteOutputs, RouteKind, RouteWeight } from "./types";
export { formatRouteId, parseRouteId } from "./ids";
export { RouteExistsError } from "./errors/RouteExistsError";
export { WeightNotAppliedError } from "./errors/WeightNotAppliedError";
export { TwoActiveRoutesError, UndeclaredActiveRouteError } from "./errors/SiblingRouteErrors";
export { VPN_ROUTE_ENTRY_TOKEN, VPN_PBR_ROUTE_ENTRY_TOKEN } from "./constants";
export {
  Provider,
  type ProviderArgs,
  type ProviderAssumeRole,
  type ProviderAssumeRoleWithOidc,
  type ProviderEndpoint,
} from "./explicitProvider";
