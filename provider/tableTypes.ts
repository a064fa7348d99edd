/** Inputs and outputs of VpnGatewayRouteTable: one gateway's routes, keyed by each route's identity. */
import type { RouteInputs, RouteKind } from "./types";

/**
 * One route of a table, as check() hands it on (plain values, defaults applied by the class): a route's inputs
 * without what the table holds once for all its routes (gateway, region) and without `adopt`.
 */
export type TableRouteInputs = Omit<RouteInputs, "vpnGatewayId" | "region" | "adopt">;

/**
 * What the API reports of a route beside its settings. Kept apart from `routes`, whose entries have the inputs'
 * shape: a preview shows outputs that are not inputs as removed, which would list every route changed.
 */
export interface TableRouteStatus {
  /** The route's ID (`gw:nextHop:routeDest`, policy routes with the source). */
  id: string;
  /** `published` or `normal`, as the API reports it. */
  state: string;
}

/** The inputs of VpnGatewayRouteTable after check(). */
export interface RouteTableInputs {
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  vpnGatewayId: string;
  /** The gateway's region. */
  region?: string;
  /** Destination routes by key (`<routeDest>@<nextHop>`). */
  routes?: Record<string, TableRouteInputs>;
  /** Policy routes by key (`<routeSource>><routeDest>@<nextHop>`). */
  policyRoutes?: Record<string, TableRouteInputs>;
  /** Delete custom routes of the gateway that the table does not declare. */
  exclusive?: boolean;
}

/** What the provider stores: the table as the gateway holds it, with everything read, update and delete need. */
export interface RouteTableOutputs extends RouteTableInputs {
  /** The region the table lives in (the input, or the configured default). */
  region: string;
  /** Destination routes by key, as the gateway lists them (weight, publishVpc and priority from the listing). */
  routes: Record<string, TableRouteInputs>;
  /** Policy routes by key, as the gateway lists them. */
  policyRoutes: Record<string, TableRouteInputs>;
  /** Each route's ID and state by its key (destination and policy routes). */
  statuses: Record<string, TableRouteStatus>;
  /** IDs of the undeclared custom routes the last create or update deleted (`exclusive`). */
  deletedUndeclared?: string[];
}

/** Each route kind and the field of a table that holds its routes. */
export const TABLE_ROUTE_FIELDS: readonly (readonly [RouteKind, "routes" | "policyRoutes"])[] = [
  ["dbr", "routes"],
  ["pbr", "policyRoutes"],
];
