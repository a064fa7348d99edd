/**
 * A landing zone's VPN routing: three gateways in two regions, hub-and-spoke destination routes with
 * active/standby pairs, a policy route set for the branch office, and the on-premises route managed on its own.
 * With `memberAccount`, the branch gateway lives in a member account, reached by assuming a role there.
 * The repository's Pulumi.yaml runs this program; `npm run demo` deploys it against the local emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider, VpnGatewayRoutes, VpnRouteEntry } from "alicloud-vpn-routes";
import { adoptExistingRoutes } from "./adopt";
import { readLandingZoneConfig } from "./config";
import { ACTIVE, landingZoneTables, ON_PREMISES } from "./topology";

const {
  gateways,
  connections,
  adoptExistingRoutes: adopt,
  memberAccount,
} = readLandingZoneConfig(new pulumi.Config());
if (adopt) adoptExistingRoutes();

// The member account's gateways are reached by assuming a role there with the network account's credentials:
// an explicit provider, whose own process signs in with these inputs instead of the stack config.
const memberGateways = new Set(memberAccount?.gateways.map((role) => gateways[role].vpnGatewayId));
const memberProvider = memberAccount
  ? new Provider("member-account", {
      region: gateways[memberAccount.gateways[0]].region,
      assumeRole: memberAccount.assumeRole,
    })
  : undefined;

const tables = Object.entries(landingZoneTables(gateways, connections)).map(([name, args]) => ({
  name,
  component: new VpnGatewayRoutes(
    name,
    args,
    // `providers` (or `provider`): the component's routes inherit it.
    memberGateways.has(args.vpnGatewayId as string) && memberProvider ? { providers: [memberProvider] } : {},
  ),
}));

// The on-premises data centre is reached from the Hangzhou hub only; it is managed on its own, outside the
// hub's table, by the network team that owns the data-centre link.
const onPremises = new VpnRouteEntry("on-premises-dc", {
  vpnGatewayId: gateways.hubHangzhou.vpnGatewayId,
  region: gateways.hubHangzhou.region,
  routeDest: ON_PREMISES,
  nextHop: connections.onPremises,
  weight: ACTIVE,
  publishVpc: true,
  description: "on-premises data centre",
});

/** Each gateway's table: route key to id, state, weight and published flag. */
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
