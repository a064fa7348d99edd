/** Lookups and invariants over one gateway's destination (dbr) and policy (pbr) tables. */
import { ACTIVE_WEIGHT, MAX_ENTRIES_PER_DESTINATION } from "../constants";
import {
  activeRouteConflict,
  activeStandbyPairFull,
  activeStandbyRouteExists,
  nextHopNotFound,
  priorityMismatch,
  quotaFull,
  routeNotFound,
  weightMismatch,
} from "../errors";
import type { GatewayRecord, PbrRouteRecord, RouteRecord } from "../model";

export interface DbrKey {
  routeDest: string;
  nextHop: string;
}

export interface PbrKey extends DbrKey {
  routeSource: string;
}

export const describeDbr = (k: DbrKey): string => `RouteDest=${k.routeDest}, NextHop=${k.nextHop}`;
export const describePbr = (k: PbrKey): string => `RouteSource=${k.routeSource}, ${describeDbr(k)}`;

export function findDbr(gateway: GatewayRecord, key: DbrKey): RouteRecord | undefined {
  return gateway.routes.find((r) => r.routeDest === key.routeDest && r.nextHop === key.nextHop);
}

export function findPbr(gateway: GatewayRecord, key: PbrKey): PbrRouteRecord | undefined {
  return gateway.pbrRoutes.find(
    (r) => r.routeSource === key.routeSource && r.routeDest === key.routeDest && r.nextHop === key.nextHop,
  );
}

export function requireDbr(gateway: GatewayRecord, key: DbrKey): RouteRecord {
  const found = findDbr(gateway, key);
  if (!found) throw routeNotFound(describeDbr(key));
  return found;
}

export function requirePbr(gateway: GatewayRecord, key: PbrKey): PbrRouteRecord {
  const found = findPbr(gateway, key);
  if (!found) throw routeNotFound(describePbr(key));
  return found;
}

/** Delete and modify name the entry's current weight; another weight is refused. */
export function requireWeight(entry: RouteRecord, weight: number): void {
  if (entry.weight !== weight) throw weightMismatch(weight, entry.weight);
}

/** An optional Priority, when sent, must be the entry's current one. */
export function requirePriority(entry: PbrRouteRecord, priority: number | undefined): void {
  if (priority !== undefined && entry.priority !== priority) throw priorityMismatch(priority, entry.priority);
}

/**
 * Active/standby: at most one weight-100 entry per destination (and source, for policy routes).
 * Undocumented in the API; see CHOICES.md.
 */
export function requireNoOtherActive(
  peers: RouteRecord[],
  self: RouteRecord | undefined,
  weight: number,
  what: string,
): void {
  if (weight !== ACTIVE_WEIGHT) return;
  if (peers.some((p) => p !== self && p.weight === ACTIVE_WEIGHT)) throw activeRouteConflict(what);
}

/**
 * A destination route's weight changes only when no other route for its destination exists: Alibaba's
 * reference for ModifyVpnRouteEntryWeight (January 2026) says to delete the other one of an active/standby
 * pair first and configure it again afterwards. No code is published; see CHOICES.md.
 */
export function requireNoSibling(gateway: GatewayRecord, entry: RouteRecord): void {
  const others = dbrPeers(gateway, entry.routeDest).filter((r) => r !== entry);
  if (others.length > 0)
    throw activeStandbyRouteExists(
      describeDbr(entry),
      others.map((r) => r.nextHop),
    );
}

export function dbrPeers(gateway: GatewayRecord, routeDest: string): RouteRecord[] {
  return gateway.routes.filter((r) => r.routeDest === routeDest);
}

export function pbrPeers(gateway: GatewayRecord, routeSource: string, routeDest: string): PbrRouteRecord[] {
  return gateway.pbrRoutes.filter((r) => r.routeSource === routeSource && r.routeDest === routeDest);
}

/** An IPsec connection ID: what a gateway without a configured connection list takes for one. */
const CONNECTION_ID = /^vco-[0-9a-z]+$/;

/** A route's next hop is one of the gateway's IPsec connections. */
export function requireConnection(gateway: GatewayRecord, nextHop: string): void {
  const known = gateway.vpnConnections
    ? gateway.vpnConnections.includes(nextHop)
    : CONNECTION_ID.test(nextHop);
  if (!known) throw nextHopNotFound(nextHop, gateway.vpnGatewayId);
}

/** Active/standby is a pair: a destination (and source, for policy routes) takes at most two entries. */
export function requirePairRoom(peers: RouteRecord[], what: string): void {
  if (peers.length >= MAX_ENTRIES_PER_DESTINATION) throw activeStandbyPairFull(what);
}

export function requireQuota(table: RouteRecord[], quota: number): void {
  if (table.length >= quota) throw quotaFull();
}
