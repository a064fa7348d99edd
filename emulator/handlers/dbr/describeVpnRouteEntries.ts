import { invalidParameter } from "../../errors";
import type { ReadAction } from "../context";
import { gatewayRef, regionStore, resolveGateway } from "../gatewayAccess";
import { page } from "../paging";
import { isDualTunnel } from "../gatewayMode";
import { CLOUD_SOURCE, CUSTOM_ROUTE, dbrListing } from "../views";

const BGP_ROUTE = "bgp";

export const describeVpnRouteEntries: ReadAction = {
  kind: "read",
  run(ctx) {
    const ref = gatewayRef(ctx);
    const type = (ctx.params.optional("RouteEntryType") ?? CUSTOM_ROUTE).toLowerCase();
    if (type !== CUSTOM_ROUTE && type !== BGP_ROUTE)
      throw invalidParameter("RouteEntryType", "must be custom or bgp");
    const gateway = resolveGateway(ctx.stores, regionStore(ctx, ref), ref.vpnGatewayId);
    // The emulator learns no BGP routes: the bgp listing is always empty.
    const entries = type === BGP_ROUTE ? [] : gateway.routes.map((r) => dbrListing(gateway, r));
    const { items, ...paging } = page(ctx.params, entries);
    // VpnRouteCounts (SDK model): the gateway's routes per type and source; shown by dual-tunnel gateways.
    const counts = isDualTunnel(gateway)
      ? {
          VpnRouteCounts: {
            VpnRouteCount: [
              { RouteEntryType: CUSTOM_ROUTE, Source: CLOUD_SOURCE, RouteCount: gateway.routes.length },
            ],
          },
        }
      : {};
    return { ...paging, ...counts, VpnRouteEntries: { VpnRouteEntry: items } };
  },
};
