import * as pulumi from "@pulumi/pulumi";
import {
  GatewayPolicyRouteSpec,
  GatewayRouteDefaults,
  GatewayRouteSpec,
  VpnGatewayRoutesArgs,
} from "./routeSpecs";

/** The shape a route table takes in stack config (`Pulumi.<stack>.yaml`). */
export interface GatewayRouteTableConfig {
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  vpnGatewayId: string;
  /** The gateway's region. */
  region?: string;
  /** Destination routes of the table. */
  routes?: GatewayRouteSpec[];
  /** Policy routes of the table. */
  policyRoutes?: GatewayPolicyRouteSpec[];
  /** Values for the routes that leave them out. */
  defaults?: GatewayRouteDefaults;
  /** The gateway's route quota: a table with more routes is refused. */
  routeQuota?: number;
  /** Take over an identical route that already exists instead of failing. */
  adopt?: boolean;
}

const TABLE_KEYS = new Set([
  "vpnGatewayId",
  "region",
  "routes",
  "policyRoutes",
  "defaults",
  "routeQuota",
  "adopt",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape of one table read from config; the route values themselves are checked by the resources.
 * Mistakes are RunErrors: the Node runtime prints their message alone, not as a crash with a stack trace.
 */
export function routeTableFromValue(value: unknown, where: string): VpnGatewayRoutesArgs {
  if (!isObject(value)) throw new pulumi.RunError(`${where} must be an object with vpnGatewayId and routes.`);
  const unknown = Object.keys(value).filter((k) => !TABLE_KEYS.has(k));
  if (unknown.length > 0) {
    throw new pulumi.RunError(
      `${where} has unknown key(s) ${unknown.join(", ")}: expected ${[...TABLE_KEYS].join(", ")}.`,
    );
  }
  if (typeof value.vpnGatewayId !== "string" || value.vpnGatewayId === "") {
    throw new pulumi.RunError(`${where}.vpnGatewayId must be the gateway's id (vpn-...).`);
  }
  for (const list of ["routes", "policyRoutes"] as const) {
    if (value[list] !== undefined && !Array.isArray(value[list])) {
      throw new pulumi.RunError(`${where}.${list} must be a list of routes.`);
    }
  }
  return value as unknown as VpnGatewayRoutesArgs;
}

/**
 * Reads route tables kept in stack config, for landing zones that keep them in config files:
 * `config.requireObject(key)` is either one table or a map from a name to a table.
 *
 * ```yaml
 * config:
 *   landing:gatewayRoutes:
 *     hub-hz: { vpnGatewayId: vpn-..., defaults: { nextHop: vco-... }, routes: [{ routeDest: 10.1.0.0/16 }] }
 * ```
 */
export function routeTablesFromConfig(
  config: pulumi.Config,
  key: string,
): Record<string, VpnGatewayRoutesArgs> {
  const value = config.requireObject<unknown>(key);
  const where = `config ${config.name}:${key}`;
  if (isObject(value) && "vpnGatewayId" in value) return { [key]: routeTableFromValue(value, where) };
  if (!isObject(value))
    throw new pulumi.RunError(`${where} must be a route table or a map from names to route tables.`);
  return Object.fromEntries(
    Object.entries(value).map(([name, table]) => [name, routeTableFromValue(table, `${where}.${name}`)]),
  );
}
