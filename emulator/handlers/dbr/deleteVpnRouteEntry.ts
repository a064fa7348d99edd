import type { WriteAction } from "../context";
import { requireDbr, requireWeight } from "../routeTables";

interface Input {
  routeDest: string;
  nextHop: string;
  weight: number;
}

export const deleteVpnRouteEntry: WriteAction<Input> = {
  kind: "write",
  parse: (p) => {
    p.overlayMode();
    return { routeDest: p.cidr("RouteDest").text, nextHop: p.nextHop(), weight: p.weight("Weight") };
  },
  apply(gateway, input) {
    const entry = requireDbr(gateway, input);
    requireWeight(entry, input.weight);
    gateway.routes = gateway.routes.filter((r) => r !== entry);
    return {};
  },
};
