export {
  VpnRouteEntry,
  VpnPbrRouteEntry,
  vpnRouteEntryProvider,
  vpnPbrRouteEntryProvider,
} from "./resources";
export type { VpnRouteProvider } from "./resourceProviders";
export type {
  VpnRouteEntryArgs,
  VpnPbrRouteEntryArgs,
  RouteOutputs,
  RouteInputs,
  RouteIdentity,
  RouteKind,
  RouteWeight,
} from "./types";
export { formatRouteId, parseRouteId } from "./routes";
export {
  RouteExistsError,
  WeightNotAppliedError,
  TwoActiveRoutesError,
  UndeclaredActiveRouteError,
} from "./errors";
export { VPN_ROUTE_ENTRY_TOKEN, VPN_PBR_ROUTE_ENTRY_TOKEN } from "./constants";
export {
  Provider,
  type ProviderArgs,
  type ProviderAssumeRole,
  type ProviderAssumeRoleWithOidc,
  type ProviderEndpoint,
} from "./explicitProvider";
