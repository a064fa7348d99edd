import type { ReadAction } from "../context";
import { gatewayRef, regionStore, resolveGateway } from "../gatewayAccess";
import { page } from "../paging";
import { pbrListing } from "../views";

export const describeVpnPbrRouteEntries: ReadAction = {
  kind: "read",
  run(ctx) {
    const ref = gatewayRef(ctx);
    const gateway = resolveGateway(ctx.stores, regionStore(ctx, ref), ref.vpnGatewayId);
    const { items, ...paging } = page(
      ctx.params,
      gateway.pbrRoutes.map((r) => pbrListing(gateway, r)),
    );
    return { ...paging, VpnPbrRouteEntries: { VpnPbrRouteEntry: items } };
  },
};
