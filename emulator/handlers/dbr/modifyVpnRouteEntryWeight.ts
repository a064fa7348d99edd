import type { WriteAction } from "../context";
import { dbrPeers, requireDbr, requireNoOtherActive, requireWeight } from "../routeTables";

interface Input {
  routeDest: string;
  nextHop: string;
  weight: number;
  newWeight: number;
}

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
    requireNoOtherActive(
      dbrPeers(gateway, entry.routeDest),
      entry,
      input.newWeight,
      `RouteDest=${entry.routeDest}`,
    );
    entry.weight = input.newWeight;
    return {};
  },
};
