export {
  VpnGatewayRoutes,
  VPN_GATEWAY_ROUTES_TYPE,
  type GatewayRouteStatus,
  type RouteResource,
} from "./VpnGatewayRoutes";
export * from "./routeSpecs";
export { planRoutes, RouteGroupError, type PlannedRoute } from "./planRoutes";
export { routeKey, policyRouteKey, childName } from "./routeKeys";
export { routeTablesFromConfig, routeTableFromValue, type GatewayRouteTableConfig } from "./routesFromConfig";
export {
  VpnGatewayRouteTable,
  type VpnGatewayRouteTableArgs,
  type TableRouteStatus,
} from "./VpnGatewayRouteTable";
