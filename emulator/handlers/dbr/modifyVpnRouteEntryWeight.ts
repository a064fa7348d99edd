import type { WriteAction } from "../context";
import { isDualTunnel } from "../gatewayMode";
import { requireDbr, requireNoSibling, requireWeight } from "../routeTables";

interface Input {
  routeDest: string;
  nextHop: string;
  weight: number;
  newWeight: number;
}

/**
 * Changes a destination route's weight, as Alibaba's reference (January 2026) describes: refused while
 * another route for the destination exists (delete it first), and on a dual-tunnel gateway a success that
 * changes nothing. With no other route for the destination, no second active route can arise.
 */
export const modifyVpnRouteEntryWeight: WriteAction<Input> = {
  kind: "write",
  parse: (p) => {
    p.overlayMode();
    return {
      routeDest: p.cidr("RouteDest").text,
      nextHop: p.nextHop(),
      weight: p.weight("Weight"),
      newWeight: p.weight("NewWeight"),
    };
  },
  apply(gateway, input) {
    const entry = requireDbr(gateway, input);
    requireWeight(entry, input.weight);
    if (isDualTunnel(gateway)) return {};
    requireNoSibling(gateway, entry);
    entry.weight = input.newWeight;
    return {};
  },
};
