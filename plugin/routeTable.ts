/**
 * `alicloud-vpn:index:VpnGatewayRouteTable` served by the plugin. A YAML or Python program writes the table as
 * the TypeScript class takes it (route specs and defaults); check turns them into the maps keyed by each
 * route's identity that the dynamic resource's inputs hold, with the class's own code (tableRouteMaps), and
 * from there every operation is the dynamic table's lifecycle (runtime.vpnGatewayRouteTable).
 */
import type * as provider from "@pulumi/pulumi/provider";
import { RouteGroupError } from "../components/planRoutes";
import { tableRouteMaps, type VpnGatewayRouteTableArgs } from "../components/VpnGatewayRouteTable";
import { UNKNOWN } from "../provider/constants";

type Props = Record<string, unknown>;

const LISTS = ["routes", "policyRoutes"] as const;

function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(hasUnknown);
}

/**
 * The table's inputs as its lifecycle's check takes them (routes by key, defaults applied) from the program's
 * route specs; each problem of the table (planRoutes) is a check failure naming the route.
 */
export function tableInputsFromSpecs(
  name: string,
  news: Props,
): { inputs: Props; failures: provider.CheckFailure[] } {
  const { routes, policyRoutes, defaults, ...rest } = news;
  const failures: provider.CheckFailure[] = LISTS.filter(
    (list) => news[list] !== undefined && news[list] !== UNKNOWN && !Array.isArray(news[list]),
  ).map((list) => ({ property: list, reason: `${list} must be a list of routes.` }));
  if (failures.length > 0) return { inputs: rest, failures };
  // A spec that holds another resource's output not known yet (a preview): its route's key is not known.
  if (hasUnknown([routes, policyRoutes, defaults])) {
    return { inputs: { ...rest, routes: UNKNOWN, policyRoutes: UNKNOWN }, failures };
  }
  try {
    const maps = tableRouteMaps(name, { routes, policyRoutes, defaults } as VpnGatewayRouteTableArgs);
    return { inputs: { ...rest, ...maps }, failures };
  } catch (err) {
    if (!(err instanceof RouteGroupError)) throw err;
    return { inputs: rest, failures: err.problems.map((reason) => ({ property: "routes", reason })) };
  }
}
