export {
  VpnRouteEntry,
  VpnPbrRouteEntry,
  vpnRouteEntryProvider,
  vpnPbrRouteEntryProvider,
} from "./resources";
export { vpnGatewayRouteTableProvider } from "./resourceProviders";
export type { VpnRouteProvider, VpnRouteTableProvider } from "./resourceProviders";
export type { RouteTableInputs, RouteTableOutputs, TableRouteInputs, TableRouteStatus } from "./tableTypes";
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
  RouteTableIncompleteError,
} from "./errors";
export { VPN_ROUTE_ENTRY_TOKEN, VPN_PBR_ROUTE_ENTRY_TOKEN, VPN_GATEWAY_ROUTE_TABLE_TOKEN } from "./constants";
export {
  Provider,
  type ProviderArgs,
  type ProviderAssumeRole,
  type ProviderAssumeRoleWithOidc,
  type ProviderEndpoint,
} from "./explicitProvider";
