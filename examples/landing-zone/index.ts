import * as pulumi from "@pulumi/pulumi";
import { VpnGatewayRoutes, VpnRouteEntry } from "alicloud-vpn-routes";
import { landingZoneTables, LandingZoneConnections, LandingZoneGateways } from "./topology";

const config = new pulumi.Config();
const gateways = config.requireObject<LandingZoneGateways>("gateways");
const connections = config.requireObject<LandingZoneConnections>("connections");

const tables = Object.entries(landingZoneTables(gateways, connections)).map(([name, args]) => ({
  name,
  component: new VpnGatewayRoutes(name, args),
}));

// The on-premises data centre is reached from the Hangzhou hub only; it is managed on its own, outside the
// hub's table, by the network team that owns the data-centre link.
const onPremises = new VpnRouteEntry("on-premises-dc", {
  vpnGatewayId: gateways.hubHangzhou.vpnGatewayId,
  region: gateways.hubHangzhou.region,
  routeDest: "172.16.0.0/12",
  nextHop: connections.onPremises,
  weight: 100,
  publishVpc: true,
  description: "on-premises data centre",
});

export const routeTables = Object.fromEntries(tables.map(({ name, component }) => [name, component.routes]));
export const routeCounts = Object.fromEntries(
  tables.map(({ name, component }) => [
    name,
    {
      gateway: component.vpnGatewayId,
      routes: component.routeCount,
      policyRoutes: component.policyRouteCount,
    },
  ]),
);
export const onPremisesRoute = { id: onPremises.id, state: onPremises.state };
