export {
  VpnRouteEntry,
  VpnPbrRouteEntry,
  vpnRouteEntryProvider,
  vpnPbrRouteEntryProvider,
  RouteExistsError,
  WeightNotAppliedError,
  TwoActiveRoutesError,
  UndeclaredActiveRouteError,
  formatRouteId,
  parseRouteId,
  type VpnRouteEntryArgs,
  type VpnPbrRouteEntryArgs,
  type RouteOutputs,
  Provider,
  type ProviderArgs,
  type ProviderAssumeRole,
  type ProviderAssumeRoleWithOidc,
  type ProviderEndpoint,
  type RouteWeight,
} from "./provider";
export { VpcClient, type VpcClientOptions } from "./provider/api/client";
export type { StaticCredentials } from "./provider/api/types";
export * from "./components";
