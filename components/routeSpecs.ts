import * as pulumi from "@pulumi/pulumi";
import type { RouteWeight } from "../provider/types";

/** One destination-based route of a gateway's table. */
export interface GatewayRouteSpec {
  /** Destination CIDR block, e.g. `10.20.0.0/16`. */
  routeDest: string;
  /** Next hop (a VPN connection id, `vco-...`). @default defaults.nextHop */
  nextHop?: pulumi.Input<string>;
  /** 100 = active, 0 = standby. @default defaults.weight, else 100 */
  weight?: RouteWeight;
  /** Advertise the route to the VPC. @default defaults.publishVpc, else true */
  publishVpc?: boolean;
  /** The route's description (1-100 characters). */
  description?: string;
  /** Only `Ipsec`. */
  overlayMode?: string;
  /**
   * A stable key for the route, needed only when `nextHop` is another resource's output (its value is not
   * known when the program runs, so it cannot name the child). @default `<routeDest>@<nextHop>`
   */
  key?: string;
}

/** One policy-based route of a gateway's table. */
export interface GatewayPolicyRouteSpec {
  /** Source CIDR block of a policy route, e.g. `192.168.0.0/24`. */
  routeSource: string;
  /** Destination CIDR block, e.g. `10.0.0.0/24`. */
  routeDest: string;
  /** @default defaults.nextHop */
  nextHop?: pulumi.Input<string>;
  /** @default defaults.weight, else 100 */
  weight?: RouteWeight;
  /** 1-100, smaller wins. @default 10 */
  priority?: number;
  /** @default defaults.publishVpc, else true */
  publishVpc?: boolean;
  /** The route's description (1-100 characters). */
  description?: string;
  /** @default `<routeSource>><routeDest>@<nextHop>` */
  key?: string;
}

/** Values routes take when they do not set their own. */
export interface GatewayRouteDefaults {
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. */
  nextHop?: pulumi.Input<string>;
  /** @default 100 */
  weight?: RouteWeight;
  /** @default true */
  publishVpc?: boolean;
}

/** Inputs of `VpnGatewayRoutes`: one gateway's route table. */
export interface VpnGatewayRoutesArgs {
  /** The gateway; usually another resource's output, unknown at the first preview. */
  vpnGatewayId: pulumi.Input<string>;
  /** @default the provider's region (`alicloud:region`, ALICLOUD_REGION...) */
  region?: pulumi.Input<string>;
  /** Destination routes of the table. */
  routes?: GatewayRouteSpec[];
  /** Policy routes of the table. */
  policyRoutes?: GatewayPolicyRouteSpec[];
  /** Values for the routes that leave them out. */
  defaults?: GatewayRouteDefaults;
  /** Refuse a table larger than this (the account's route quota per gateway). @default no limit */
  routeQuota?: number;
  /**
   * Take over routes of the table that already exist on the gateway (made by hand, or by an `up` that was
   * interrupted) instead of failing; see VpnRouteEntry's `adopt`. @default false
   */
  adopt?: pulumi.Input<boolean>;
}

/** The weight of a table's route that sets none (nor `defaults.weight`): active. */
export const DEFAULT_WEIGHT: RouteWeight = 100;
/** Whether a table's route that sets no `publishVpc` (nor `defaults.publishVpc`) is advertised to the VPC. */
export const DEFAULT_PUBLISH_VPC = true;
/** The API's default priority of a policy route (declared once, in provider/constants.ts). */
export { DEFAULT_PRIORITY } from "../provider/constants";
