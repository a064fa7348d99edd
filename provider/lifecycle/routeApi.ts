import type { VpcClient } from "../api/client";
import type { GatewayScoped, VpnPbrRouteEntry, VpnRouteEntry } from "../api/types";
import type { RouteIdentity, RouteKind } from "../types";

/** One entry of either listing (policy routes add RouteSource and Priority). */
export type ListedRoute = VpnRouteEntry & Partial<Pick<VpnPbrRouteEntry, "RouteSource" | "Priority">>;

/** A route on one gateway in one region, as the write actions address it. */
export interface RouteRef extends RouteIdentity {
  region: string;
  overlayMode?: string;
}

export interface NewRoute extends RouteRef {
  weight: number;
  publishVpc: boolean;
  description?: string;
  priority?: number;
}

/** The actions of one route kind, in the product's terms. Each call is one logical API call. */
export interface RouteApi {
  readonly kind: RouteKind;
  list(client: VpcClient, scope: Required<GatewayScoped>): Promise<ListedRoute[]>;
  create(client: VpcClient, route: NewRoute): Promise<unknown>;
  /** Delete needs the entry's current weight (and, for policy routes, priority). */
  remove(client: VpcClient, route: RouteRef, current: ListedRoute): Promise<unknown>;
  modifyWeight(client: VpcClient, route: RouteRef, current: ListedRoute, newWeight: number): Promise<unknown>;
  /** Policy routes only. */
  modifyPriority?(
    client: VpcClient,
    route: RouteRef,
    current: ListedRoute,
    newPriority: number,
  ): Promise<unknown>;
  /**
   * Policy routes only: weight and priority in one call (ModifyVpnPbrRouteEntryAttribute), for gateways whose
   * listing shows priorities.
   */
  modifyAttribute?(
    client: VpcClient,
    route: RouteRef,
    current: ListedRoute,
    change: { weight: number; priority?: number },
  ): Promise<unknown>;
  publish(client: VpcClient, route: RouteRef, publish: boolean): Promise<unknown>;
}

export function scopeOf(route: { region: string; vpnGatewayId: string }): Required<GatewayScoped> {
  return { RegionId: route.region, VpnGatewayId: route.vpnGatewayId };
}
