import type { WriteAction } from "../context";
import { isDualTunnel } from "../gatewayMode";
import {
  type PbrKey,
  pbrPeers,
  requireNoOtherActive,
  requirePbr,
  requirePriority,
  requireWeight,
} from "../routeTables";
import { pbrKey } from "./pbrParams";

interface Input extends PbrKey {
  weight: number;
  newWeight: number;
  priority?: number;
}

export const modifyVpnPbrRouteEntryWeight: WriteAction<Input> = {
  kind: "write",
  parse: (p) => {
    p.overlayMode();
    return {
      ...pbrKey(p, false),
      weight: p.weight("Weight"),
      newWeight: p.weight("NewWeight"),
      priority: p.priority("Priority"),
    };
  },
  apply(gateway, input) {
    const entry = requirePbr(gateway, input);
    requireWeight(entry, input.weight);
    requirePriority(entry, input.priority);
    // The SDK model's remarks: on a dual-tunnel gateway the call succeeds and the weight does not take effect.
    if (isDualTunnel(gateway)) return {};
    const peers = pbrPeers(gateway, entry.routeSource, entry.routeDest);
    requireNoOtherActive(
      peers,
      entry,
      input.newWeight,
      `RouteSource=${entry.routeSource}, RouteDest=${entry.routeDest}`,
    );
    entry.weight = input.newWeight;
    return {};
  },
};
