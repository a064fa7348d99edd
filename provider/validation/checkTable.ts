/**
 * check() of VpnGatewayRouteTable: each route validated as a VpnRouteEntry / VpnPbrRouteEntry is
 * (checkRouteInputs), then the table as a whole (tableRules.ts), every message naming the route's key.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, UNKNOWN } from "../constants";
import { TABLE_ROUTE_FIELDS } from "../tableTypes";
import { checkRouteInputs, gatewayId, region, type FieldResult } from "./check";
import { tableProblems, type TableRuleRoute } from "./tableRules";

const TABLE_FIELDS: Record<string, (value: unknown) => FieldResult> = {
  vpnGatewayId: gatewayId,
  region,
  exclusive: (value) =>
    typeof value === "boolean" ? { value } : { reason: "must be true or false (false: the default)." },
};
/** Set on the table, not on each route. */
const TABLE_LEVEL = new Set(["vpnGatewayId", "region"]);
/**
 * Inputs of a VpnRouteEntry that a table's route must not carry: a program in JavaScript (no types) could pass
 * them, and a table would otherwise ignore them silently.
 */
const NOT_ON_A_ROUTE: Record<string, string> = {
  vpnGatewayId: "is the table's: set it once on the VpnGatewayRouteTable, not on a route.",
  region: "is the table's: set it once on the VpnGatewayRouteTable, not on a route.",
  adopt: "is not needed in a table: it takes over the routes the gateway already holds as they are.",
};

export interface TableCheckOutcome {
  inputs: Record<string, unknown>;
  failures: pulumi.dynamic.CheckFailure[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function checkRouteTableInputs(news: Record<string, unknown>): TableCheckOutcome {
  const inputs: Record<string, unknown> = {};
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const [name, validate] of Object.entries(TABLE_FIELDS)) {
    const value = news[name];
    if (value === undefined || value === null) continue;
    if (value === UNKNOWN) {
      inputs[name] = value;
      continue;
    }
    const result = validate(value);
    if ("reason" in result) failures.push({ property: name, reason: `${name}: ${result.reason}` });
    else inputs[name] = result.value;
  }
  if (news.vpnGatewayId === undefined || news.vpnGatewayId === null) {
    failures.push({
      property: "vpnGatewayId",
      reason: "vpnGatewayId is required: set it to the gateway's ID.",
    });
  }
  const rules: TableRuleRoute[] = [];
  for (const [kind, field] of TABLE_ROUTE_FIELDS) {
    const routes = news[field];
    if (routes === undefined || routes === null) continue;
    if (routes === UNKNOWN) {
      inputs[field] = routes;
      continue;
    }
    if (!isRecord(routes)) {
      failures.push({ property: field, reason: `${field} must be a map of routes by key.` });
      continue;
    }
    const checked: Record<string, unknown> = {};
    for (const [key, route] of Object.entries(routes)) {
      const where = `${field}[${JSON.stringify(key)}]`;
      if (route === UNKNOWN) {
        checked[key] = route;
        continue;
      }
      if (!isRecord(route)) {
        failures.push({ property: field, reason: `${where} must be a route.` });
        continue;
      }
      for (const [name, reason] of Object.entries(NOT_ON_A_ROUTE)) {
        if (route[name] !== undefined)
          failures.push({ property: field, reason: `${where}: ${name} ${reason}` });
      }
      const outcome = checkRouteInputs(kind, route);
      for (const failure of outcome.failures) {
        if (TABLE_LEVEL.has(failure.property)) continue;
        failures.push({ property: field, reason: `${where}: ${failure.reason}` });
      }
      checked[key] = outcome.inputs;
      const r = outcome.inputs;
      if (typeof r.routeDest === "string" && r.routeDest !== UNKNOWN) {
        rules.push({
          kind,
          key,
          where,
          routeSource: typeof r.routeSource === "string" ? r.routeSource : undefined,
          routeDest: r.routeDest,
          nextHop: r.nextHop,
          weight: r.weight as number,
          publishVpc: r.publishVpc === true,
        });
      }
    }
    inputs[field] = checked;
  }
  for (const problem of tableProblems(rules)) failures.push({ property: "routes", reason: problem });
  for (const name of Object.keys(news)) {
    if (name === PROVIDER_KEY || name in TABLE_FIELDS || TABLE_ROUTE_FIELDS.some(([, f]) => f === name))
      continue;
    if (news[name] === undefined) continue;
    failures.push({
      property: name,
      reason: `VpnGatewayRouteTable has no property "${name}". Its properties are: vpnGatewayId, region, routes, policyRoutes, exclusive.`,
    });
  }
  if (PROVIDER_KEY in news) inputs[PROVIDER_KEY] = news[PROVIDER_KEY];
  return { inputs, failures };
}
