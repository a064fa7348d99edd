import { canonicalCidr } from "../provider/validation/cidr";

/** The key of a destination route: its identity, never its position in the list. */
export function routeKey(routeDest: string, nextHop: string): string {
  return `${canonicalCidr(routeDest)}@${nextHop}`;
}

/** The key of a policy route: its identity (source, destination, next hop), never its position in the list. */
export function policyRouteKey(routeSource: string, routeDest: string, nextHop: string): string {
  return `${canonicalCidr(routeSource)}>${canonicalCidr(routeDest)}@${nextHop}`;
}

/**
 * A child's resource name. `::` separates the parts of a URN, so the colons of IPv6 addresses are
 * written as `.` to keep names like `fd00::/8` from breaking it.
 */
export function childName(componentName: string, key: string): string {
  return `${componentName}/${key.replace(/:/g, ".")}`;
}
