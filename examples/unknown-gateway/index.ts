/**
 * A gateway's routes where the gateway id is another resource's output. At the first `pulumi preview` the id
 * is unknown: the routes are planned as creates all the same, and the real id is used at `pulumi up`.
 * Routes keyed by destination (not by gateway) keep their names stable when the gateway changes.
 */
import * as pulumi from "@pulumi/pulumi";
import { VpnGatewayRoutes } from "alicloud-vpn-routes";
import { StandInVpnGateway } from "./gateway";

const config = new pulumi.Config();
const gateway = new StandInVpnGateway("office-gateway", { existingGatewayId: config.require("gatewayId") });

const office = new VpnGatewayRoutes("office", {
  vpnGatewayId: gateway.id,
  defaults: { nextHop: config.require("connectionId") },
  routes: [{ routeDest: "10.30.0.0/16" }, { routeDest: "10.31.0.0/16", weight: 0, publishVpc: false }],
  policyRoutes: [{ routeSource: "192.168.60.0/24", routeDest: "10.32.0.0/16", priority: 5 }],
});

export const gatewayId = gateway.id;
export const routes = office.routes;
