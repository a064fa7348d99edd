import { missingNewAttribute, missingParameter } from "../../errors";
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
  priority: number;
  newWeight?: number;
  newPriority?: number;
}

/**
 * A policy route's weight and priority in one call (SDK model `ModifyVpnPbrRouteEntryAttributeRequest`):
 * Weight and Priority name the entry's current values and are required; at least one of NewWeight and
 * NewPriority. On a dual-tunnel gateway only the priority changes ("you can only call this operation to
 * modify the priority"); a NewWeight there is accepted and not applied, like ModifyVpnPbrRouteEntryWeight.
 * The emulator's one-active rule applies to NewWeight=100.
 */
export const modifyVpnPbrRouteEntryAttribute: WriteAction<Input> = {
  kind: "write",
  parse: (p) => {
    const key = pbrKey(p, false);
    const weight = p.weight("Weight");
    const priority = p.priority("Priority");
    if (priority === undefined) throw missingParameter("Priority");
    const newWeight = p.optional("NewWeight") === undefined ? undefined : p.weight("NewWeight");
    const newPriority = p.priority("NewPriority");
    if (newWeight === undefined && newPriority === undefined) throw missingNewAttribute();
    return { ...key, weight, priority, newWeight, newPriority };
  },
  apply(gateway, input) {
    const entry = requirePbr(gateway, input);
    requireWeight(entry, input.weight);
    requirePriority(entry, input.priority);
    const newWeight = isDualTunnel(gateway) ? undefined : input.newWeight;
    if (newWeight !== undefined) {
      requireNoOtherActive(
        pbrPeers(gateway, entry.routeSource, entry.routeDest),
        entry,
        newWeight,
        `RouteSource=${entry.routeSource}, RouteDest=${entry.routeDest}`,
      );
      entry.weight = newWeight;
    }
    if (input.newPriority !== undefined) entry.priority = input.newPriority;
    return {};
  },
};
