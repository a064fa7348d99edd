// A route's key is its identity; provider/routes.ts defines it once (VpnGatewayRouteTable keys its maps by it).
export { routeKey, policyRouteKey } from "../provider/routes";

/**
 * A child's resource name. `::` separates the parts of a URN, so the colons of IPv6 addresses are
 * written as `.` to keep names like `fd00::/8` from breaking it.
 */
export function childName(componentName: string, key: string): string {
  return `${componentName}/${key.replace(/:/g, ".")}`;
}
