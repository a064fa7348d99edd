/**
 * What a gateway's two route tables share: destination routes (dbr) are named by destination and next hop,
 * policy routes (pbr) by source, destination and next hop; entries with the same destination (and source)
 * form an active/standby pair. The lookups, the rules every Create and Modify checks, and the fields every
 * view of an entry shows.
 */
import { ACTIVE_WEIGHT, DEFAULT_OVERLAY_MODE, MAX_ENTRIES_PER_DESTINATION } from "../constants";
import {
  activeRouteConflict,
  activeStandbyPairFull,
  nextHopNotFound,
  quotaFull,
  routeAlreadyExists,
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

/** One of the two tables: where a gateway keeps it, and how errors name a pair in it. */
export interface RouteKind<Key extends DbrKey, Entry extends RouteRecord & Key> {
  entries(gateway: GatewayRecord): Entry[];
  /** `RouteDest=...`, with `RouteSource=..., ` before it for policy routes. */
  pairName(key: Key): string;
}

export const DESTINATION_ROUTES: RouteKind<DbrKey, RouteRecord> = {
  entries: (gateway) => gateway.routes,
  pairName: (key) => `RouteDest=${key.routeDest}`,
};

export const POLICY_ROUTES: RouteKind<PbrKey, PbrRouteRecord> = {
  entries: (gateway) => gateway.pbrRoutes,
  pairName: (key) => `RouteSource=${key.routeSource}, RouteDest=${key.routeDest}`,
};

/** How errors name one entry: its pair, then its next hop. */
export function describeRoute<Key extends DbrKey, Entry extends RouteRecord & Key>(
  kind: RouteKind<Key, Entry>,
  key: Key,
): string {
  return `${kind.pairName(key)}, NextHop=${key.nextHop}`;
}

/** The entries of the key's pair (same destination, and source for policy routes). */
export function pairOf<Key extends DbrKey, Entry extends RouteRecord & Key>(
  kind: RouteKind<Key, Entry>,
  gateway: GatewayRecord,
  key: Key,
): Entry[] {
  // Compared as text: a pair's name is unambiguous (CIDR blocks hold no comma or "=").
  const pair = kind.pairName(key);
  return kind.entries(gateway).filter((e) => kind.pairName(e) === pair);
}

export function findEntry<Key extends DbrKey, Entry extends RouteRecord & Key>(
  kind: RouteKind<Key, Entry>,
  gateway: GatewayRecord,
  key: Key,
): Entry | undefined {
  return pairOf(kind, gateway, key).find((e) => e.nextHop === key.nextHop);
}

/** The named entry, which Delete and Modify also name by its current weight; another weight is refused. */
export function requireEntry<Key extends DbrKey, Entry extends RouteRecord & Key>(
  kind: RouteKind<Key, Entry>,
  gateway: GatewayRecord,
  key: Key & { weight: number },
): Entry {
  const entry = findEntry(kind, gateway, key);
  if (!entry) throw routeNotFound(describeRoute(kind, key));
  if (entry.weight !== key.weight) throw weightMismatch(key.weight, entry.weight);
  return entry;
}

/**
 * Active/standby: at most one weight-100 entry per pair. Undocumented in the API; see CHOICES.md.
 * `self` is the entry whose weight changes (none for a Create).
 */
function requireNoOtherActive(
  peers: RouteRecord[],
  self: RouteRecord | undefined,
  weight: number,
  pair: string,
) {
  if (weight !== ACTIVE_WEIGHT) return;
  if (peers.some((p) => p !== self && p.weight === ACTIVE_WEIGHT)) throw activeRouteConflict(pair);
}

/** An IPsec connection ID: what a gateway without a configured connection list takes for one. */
const CONNECTION_ID = /^vco-[0-9a-z]+$/;

/** A route's next hop is one of the gateway's IPsec connections. */
function requireConnection(gateway: GatewayRecord, nextHop: string): void {
  const known = gateway.vpnConnections
    ? gateway.vpnConnections.includes(nextHop)
    : CONNECTION_ID.test(nextHop);
  if (!known) throw nextHopNotFound(nextHop, gateway.vpnGatewayId);
}

/** What a Create sends besides the entry's name. */
export interface NewRoute {
  weight: number;
  publishVpc: boolean;
  description?: string;
  overlayMode?: string;
}

/** The record a Create adds: the API's default overlay mode where none was sent. */
export function newEntry(input: DbrKey & NewRoute, now: number): RouteRecord {
  return {
    routeDest: input.routeDest,
    nextHop: input.nextHop,
    weight: input.weight,
    published: input.publishVpc,
    createTime: now,
    description: input.description,
    overlayMode: input.overlayMode ?? DEFAULT_OVERLAY_MODE,
  };
}

/**
 * What every Create checks, in this order, before it adds the entry: the next hop is a connection, the
 * entry is new, no second active entry in the pair, the pair (active and standby) has room, the table is
 * under the gateway's quota.
 */
export function addEntry<Key extends DbrKey, Entry extends RouteRecord & Key>(
  kind: RouteKind<Key, Entry>,
  gateway: GatewayRecord,
  entry: Entry,
): void {
  requireConnection(gateway, entry.nextHop);
  if (findEntry(kind, gateway, entry)) throw routeAlreadyExists(describeRoute(kind, entry));
  const peers = pairOf(kind, gateway, entry);
  const pair = kind.pairName(entry);
  requireNoOtherActive(peers, undefined, entry.weight, pair);
  if (peers.length >= MAX_ENTRIES_PER_DESTINATION) throw activeStandbyPairFull(pair);
  const table = kind.entries(gateway);
  if (table.length >= gateway.routeQuota) throw quotaFull();
  table.push(entry);
}

export function removeEntry<Entry extends RouteRecord>(table: Entry[], entry: Entry): void {
  table.splice(table.indexOf(entry), 1);
}

/** A new weight for an entry, refused when it would make a second active entry in its pair. */
export function changeWeight<Key extends DbrKey, Entry extends RouteRecord & Key>(
  kind: RouteKind<Key, Entry>,
  gateway: GatewayRecord,
  entry: Entry,
  weight: number,
): void {
  requireNoOtherActive(pairOf(kind, gateway, entry), entry, weight, kind.pairName(entry));
  entry.weight = weight;
}

export const PUBLISHED = "published";
export const NORMAL = "normal";
export const CUSTOM_ROUTE = "custom";
export const CLOUD_SOURCE = "CLOUD";

export const stateOf = (r: RouteRecord): string => (r.published ? PUBLISHED : NORMAL);

/** The fields every view of an entry shows (listings, Create answers, inspection). */
export function entryView(gateway: GatewayRecord, r: RouteRecord) {
  return {
    VpnInstanceId: gateway.vpnGatewayId,
    RouteDest: r.routeDest,
    NextHop: r.nextHop,
    Weight: r.weight,
    State: stateOf(r),
    CreateTime: r.createTime,
  };
}

/** The body of CreateVpnRouteEntry, and the start of CreateVpnPbrRouteEntry's. */
export function createdView(gateway: GatewayRecord, r: RouteRecord): Record<string, unknown> {
  return { ...entryView(gateway, r), OverlayMode: r.overlayMode, Description: r.description ?? "" };
}
