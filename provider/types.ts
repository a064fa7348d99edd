import type * as pulumi from "@pulumi/pulumi";
import type { RouteWeight } from "./api/types";

// The API's own types, declared once in api/types.ts: a route's kind is PublishVpnRouteEntry's `RouteType`.
export type { RouteType as RouteKind, RouteWeight } from "./api/types";

/** Inputs of `VpnRouteEntry`; names follow `@pulumi/alicloud`'s `vpn.RouteEntry`. */
export interface VpnRouteEntryArgs {
  /** The VPN gateway, e.g. `vpn-bp1a3kqjiiq9legfx****`. Changing it replaces the route. */
  vpnGatewayId: pulumi.Input<string>;
  /** Destination CIDR block, e.g. `10.0.0.0/24`. Changing it replaces the route. */
  routeDest: pulumi.Input<string>;
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. Changing it replaces the route. */
  nextHop: pulumi.Input<string>;
  /** 100 = active, 0 = standby. Changed in place (see the README's "Failover" for how). */
  weight: pulumi.Input<RouteWeight>;
  /** Advertise the route to the VPC's system route table. Changed in place. */
  publishVpc: pulumi.Input<boolean>;
  /** 1-100 characters, not starting with `http://` or `https://`. Changing it replaces the route. @default none */
  description?: pulumi.Input<string>;
  /** Only `Ipsec`. Changing it replaces the route. @default not sent (the API's default) */
  overlayMode?: pulumi.Input<string>;
  /** Region of the gateway. @default `alicloud:region` config, then ALICLOUD_REGION / ALIBABA_CLOUD_REGION */
  region?: pulumi.Input<string>;
  /**
   * Take over an identical route that already exists (created by hand, or by a run that crashed) instead of
   * failing. The `import` resource option cannot do this for dynamic resources (pulumi/pulumi#3550).
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

/** Inputs of `VpnPbrRouteEntry`; names follow `@pulumi/alicloud`'s `vpn.PbrRouteEntry`, plus `priority`. */
export interface VpnPbrRouteEntryArgs extends VpnRouteEntryArgs {
  /** Source CIDR block, e.g. `192.168.0.0/24`. Changing it replaces the route. */
  routeSource: pulumi.Input<string>;
  /** 1-100, smaller wins. Changed in place. @default 10 */
  priority?: pulumi.Input<number>;
}

/** Inputs after check(): plain values, normalised (CIDRs canonical, pbr priority defaulted). */
export interface RouteInputs {
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  vpnGatewayId: string;
  /** Destination CIDR block, e.g. `10.0.0.0/24`. */
  routeDest: string;
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. */
  nextHop: string;
  /** 100 = active, 0 = standby. */
  weight: number;
  /** Whether the route is advertised to the VPC's route table. */
  publishVpc: boolean;
  /** The route's description (1-100 characters). */
  description?: string;
  /** Only `Ipsec`. */
  overlayMode?: string;
  /** The gateway's region. */
  region?: string;
  /** Take over an identical route that already exists instead of failing. */
  adopt?: boolean;
  /** Source CIDR block of a policy route, e.g. `192.168.0.0/24`. */
  routeSource?: string;
  /** Policy routes: 1-100, a smaller number wins. */
  priority?: number;
}

/** What the provider stores as outputs: everything read, update and delete need without the program. */
export interface RouteOutputs extends RouteInputs {
  /** The region the route was created in (the input, or the configured default). */
  region: string;
  /** `published` or `normal`, as the API reports it. */
  state: string;
  /** Creation time in milliseconds since the epoch, as the API reports it. */
  createTime?: number;
  /** `custom` or `bgp`, as the API reports it. */
  routeEntryType?: string;
}

/** The fields that identify one route on a gateway. */
export interface RouteIdentity {
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  vpnGatewayId: string;
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. */
  nextHop: string;
  /** Destination CIDR block, e.g. `10.0.0.0/24`. */
  routeDest: string;
  /** Policy-based routes only. */
  routeSource?: string;
}
