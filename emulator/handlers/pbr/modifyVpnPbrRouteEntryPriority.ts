import { missingParameter } from "../../errors";
import type { WriteAction } from "../context";
import { type PbrKey, requirePbr, requirePriority, requireWeight } from "../routeTables";
import { pbrKey } from "./pbrParams";

interface Input extends PbrKey {
  weight: number;
  newPriority: number;
  priority?: number;
}

export const modifyVpnPbrRouteEntryPriority: WriteAction<Input> = {
  kind: "write",
  parse: (p) => {
    const key = pbrKey(p, false);
    const weight = p.weight("Weight");
    const newPriority = p.priority("NewPriority");
    if (newPriority === undefined) throw missingParameter("NewPriority");
    return { ...key, weight, newPriority, priority: p.priority("Priority") };
  },
  apply(gateway, input) {
    const entry = requirePbr(gateway, input);
    requireWeight(entry, input.weight);
    requirePriority(entry, input.priority);
    entry.priority = input.newPriority;
    return {};
  },
};
