import type { WriteAction } from "../context";
import { type PbrKey, requirePbr, requirePriority, requireWeight } from "../routeTables";
import { pbrKey } from "./pbrParams";

interface Input extends PbrKey {
  weight: number;
  priority?: number;
}

export const deleteVpnPbrRouteEntry: WriteAction<Input> = {
  kind: "write",
  parse: (p) => {
    p.overlayMode();
    return { ...pbrKey(p, false), weight: p.weight("Weight"), priority: p.priority("Priority") };
  },
  apply(gateway, input) {
    const entry = requirePbr(gateway, input);
    requireWeight(entry, input.weight);
    requirePriority(entry, input.priority);
    gateway.pbrRoutes = gateway.pbrRoutes.filter((r) => r !== entry);
    return {};
  },
};
