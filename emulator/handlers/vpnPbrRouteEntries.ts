/**
 * Policy-based routes (pbr): CreateVpnPbrRouteEntry, DeleteVpnPbrRouteEntry, DescribeVpnPbrRouteEntries,
 * ModifyVpnPbrRouteEntryWeight, ModifyVpnPbrRouteEntryPriority and ModifyVpnPbrRouteEntryAttribute. An entry
 * is named by source, destination and next hop; Delete and the Modify actions name its current Weight too,
 * and its current Priority where they take one.
 */
import { DEFAULT_PBR_PRIORITY } from "../constants";
import { invalidParameter, missingNewAttribute, missingParameter, priorityMismatch } from "../errors";
import type { GatewayRecord, PbrRouteRecord } from "../model";
import { namedGateway, type ReadAction, write } from "./actions";
import { page, type Params } from "./params";
import {
  addEntry,
  changeWeight,
  createdView,
  entryView,
  newEntry,
  type PbrKey,
  POLICY_ROUTES,
  removeEntry,
  requireEntry,
} from "./routeTables";
import { isDualTunnel } from "./vpnGateway";

/** RouteSource, RouteDest and NextHop of a policy route; source and destination of one IP family. */
function pbrKey(p: Params, forCreate: boolean): PbrKey {
  const source = p.cidr("RouteSource");
  const dest = forCreate ? p.routeDest() : p.cidr("RouteDest");
  if (source.kind !== dest.kind)
    throw invalidParameter("RouteSource", "must be of the same IP family as RouteDest");
  return { routeSource: source.text, routeDest: dest.text, nextHop: p.nextHop() };
}

/** The entry a Delete or Modify names; Priority, when sent, must be the entry's current one. */
function namedEntry(
  gateway: GatewayRecord,
  input: PbrKey & { weight: number; priority?: number },
): PbrRouteRecord {
  const entry = requireEntry(POLICY_ROUTES, gateway, input);
  if (input.priority !== undefined && entry.priority !== input.priority)
    throw priorityMismatch(input.priority, entry.priority);
  return entry;
}

export const createVpnPbrRouteEntry = write({
  parse: (p) => ({
    ...pbrKey(p, true),
    weight: p.weight("Weight"),
    publishVpc: p.boolean("PublishVpc"),
    priority: p.priority("Priority") ?? DEFAULT_PBR_PRIORITY,
    description: p.description(),
    overlayMode: p.overlayMode(),
  }),
  acceptsDryRun: true,
  apply(gateway, input, now) {
    const entry: PbrRouteRecord = {
      ...newEntry(input, now),
      routeSource: input.routeSource,
      priority: input.priority,
    };
    addEntry(POLICY_ROUTES, gateway, entry);
    return { ...createdView(gateway, entry), RouteSource: entry.routeSource, Priority: entry.priority };
  },
});

export const deleteVpnPbrRouteEntry = write({
  parse: (p) => {
    p.overlayMode();
    return { ...pbrKey(p, false), weight: p.weight("Weight"), priority: p.priority("Priority") };
  },
  apply(gateway, input) {
    removeEntry(gateway.pbrRoutes, namedEntry(gateway, input));
    return {};
  },
});

export const describeVpnPbrRouteEntries: ReadAction = {
  kind: "read",
  run(ctx) {
    const gateway = namedGateway(ctx);
    const listed = gateway.pbrRoutes.map((r) => ({
      ...entryView(gateway, r),
      RouteSource: r.routeSource,
      Priority: r.priority,
    }));
    const { items, ...paging } = page(ctx.params, listed);
    return { ...paging, VpnPbrRouteEntries: { VpnPbrRouteEntry: items } };
  },
};

export const modifyVpnPbrRouteEntryWeight = write({
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
    const entry = namedEntry(gateway, input);
    // The SDK model's remarks: on a dual-tunnel gateway the call succeeds and the weight does not take effect.
    if (!isDualTunnel(gateway)) changeWeight(POLICY_ROUTES, gateway, entry, input.newWeight);
    return {};
  },
});

export const modifyVpnPbrRouteEntryPriority = write({
  parse: (p) => {
    const key = pbrKey(p, false);
    const weight = p.weight("Weight");
    const newPriority = p.priority("NewPriority");
    if (newPriority === undefined) throw missingParameter("NewPriority");
    return { ...key, weight, newPriority, priority: p.priority("Priority") };
  },
  apply(gateway, input) {
    namedEntry(gateway, input).priority = input.newPriority;
    return {};
  },
});

/**
 * A policy route's weight and priority in one call (SDK model `ModifyVpnPbrRouteEntryAttributeRequest`):
 * Weight and Priority name the entry's current values and are required; at least one of NewWeight and
 * NewPriority. On a dual-tunnel gateway only the priority changes ("you can only call this operation to
 * modify the priority"); a NewWeight there is accepted and not applied, like ModifyVpnPbrRouteEntryWeight.
 * The emulator's one-active rule applies to NewWeight=100.
 */
export const modifyVpnPbrRouteEntryAttribute = write({
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
    const entry = namedEntry(gateway, input);
    if (input.newWeight !== undefined && !isDualTunnel(gateway))
      changeWeight(POLICY_ROUTES, gateway, entry, input.newWeight);
    if (input.newPriority !== undefined) entry.priority = input.newPriority;
    return {};
  },
});
