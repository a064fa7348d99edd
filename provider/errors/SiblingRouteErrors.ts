import { VPN_PBR_ROUTE_ENTRY_TYPE, VPN_ROUTE_ENTRY_TYPE } from "../constants";
import type { RouteKind } from "../types";

const typeOf = (kind: RouteKind) => (kind === "pbr" ? VPN_PBR_ROUTE_ENTRY_TYPE : VPN_ROUTE_ENTRY_TYPE);

/**
 * Making a route active needs the destination's active route replaced at weight 0 first (dual-tunnel gateway,
 * or more than two routes for the destination), and this provider process has not been told how that route is
 * declared, so it cannot create it again as declared. Nothing was written.
 */
export class UndeclaredActiveRouteError extends Error {
  override readonly name = "UndeclaredActiveRouteError" as const;

  constructor(kind: RouteKind, routeId: string, activeId: string, activeNextHop: string, waitedMs: number) {
    const type = typeOf(kind);
    super(
      `Cannot make route ${routeId} active (weight 100) yet: route ${activeId} is active for the same ` +
        `destination, and the gateway takes one active route per destination. Setting it to standby here means ` +
        `deleting it and creating it again (a dual-tunnel gateway ignores weight changes, and the API changes a ` +
        `route's weight only while no other route of its destination exists), which needs its declared settings, ` +
        `and no ${type} with nextHop "${activeNextHop}" reached this provider within ${Math.round(waitedMs / 1000)} s ` +
        `(the engine can run this update first, e.g. with --parallel 1). Declare the routes so the standby changes ` +
        `first: both in one VpnGatewayRoutes (it orders them), or give this ${type} the option ` +
        `\`dependsOn: [<the ${type} with nextHop "${activeNextHop}">]\` and declare that one with weight: 0, in the ` +
        `same program and with the same provider. Nothing was changed on the gateway; run \`pulumi up\` again ` +
        `after changing the program.`,
    );
  }
}

/** Two routes of one destination are declared active; the gateway takes one. Nothing was written. */
export class TwoActiveRoutesError extends Error {
  override readonly name = "TwoActiveRoutesError" as const;

  constructor(kind: RouteKind, routeId: string, otherId: string) {
    super(
      `Routes ${routeId} and ${otherId} are both declared active (weight 100) for one destination; the gateway ` +
        `takes one active route per destination (the others are standby, weight 0). Set weight: 0 on the ` +
        `${typeOf(kind)} that should be the standby. Nothing was changed on the gateway.`,
    );
  }
}
