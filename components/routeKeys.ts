import * as ipaddr from "ipaddr.js";

/** `10.0.0.0/16` and `10.0.0.0/016` name the same network; IPv6 is written in its short form. */
export function normalizeCidr(cidr: string): string {
  try {
    const [address, prefix] = ipaddr.parseCIDR(cidr.trim());
    return `${address.toString()}/${prefix}`;
  } catch {
    return cidr.trim();
  }
}

/** The key of a destination route: its identity, never its position in the list. */
export function routeKey(routeDest: string, nextHop: string): string {
  return `${normalizeCidr(routeDest)}@${nextHop}`;
}

export function policyRouteKey(routeSource: string, routeDest: string, nextHop: string): string {
  return `${normalizeCidr(routeSource)}>${normalizeCidr(routeDest)}@${nextHop}`;
}

/**
 * A child's resource name. `::` separates the parts of a URN, so the colons of IPv6 addresses are
 * written as `.` to keep names like `fd00::/8` from breaking it.
 */
export function childName(componentName: string, key: string): string {
  return `${componentName}/${key.replace(/:/g, ".")}`;
}
