/**
 * Every moment of a gateway's route tables during a run, rebuilt from the emulator's request log: the tables
 * before the run, then each write the emulator applied (HTTP 200, once per ClientToken), in order. Checked
 * against the emulator's tables at the end, so the replay cannot drift from what the emulator did.
 */
import type { EmulatorLogEntry, RunningEmulator } from "../../emulator";
import { oncePerWrite } from "./emulator-env";

export interface HistoryRoute {
  table: "dbr" | "pbr";
  /** `RouteDest`, or `RouteSource>RouteDest` for policy routes. */
  destination: string;
  nextHop: string;
  weight: number;
}

/** One gateway's routes after one applied write (the first snapshot: before the run). */
export interface Moment {
  after: string;
  routes: HistoryRoute[];
}

const WEIGHT_ACTIONS = new Set([
  "ModifyVpnRouteEntryWeight",
  "ModifyVpnPbrRouteEntryWeight",
  "ModifyVpnPbrRouteEntryAttribute",
]);

export function tablesOf(emulator: RunningEmulator, gateway: string): HistoryRoute[] {
  return [
    ...emulator.routes(gateway).map((r) => ({
      table: "dbr" as const,
      destination: r.RouteDest,
      nextHop: r.NextHop,
      weight: r.Weight,
    })),
    ...emulator.pbrRoutes(gateway).map((r) => ({
      table: "pbr" as const,
      destination: `${r.RouteSource}>${r.RouteDest}`,
      nextHop: r.NextHop,
      weight: r.Weight,
    })),
  ];
}

function keyOf(entry: EmulatorLogEntry): Omit<HistoryRoute, "weight"> {
  const p = entry.params;
  const pbr = entry.action.includes("Pbr");
  return {
    table: pbr ? "pbr" : "dbr",
    destination: pbr ? `${p.RouteSource}>${p.RouteDest}` : p.RouteDest,
    nextHop: p.NextHop,
  };
}

const same = (a: Omit<HistoryRoute, "weight">, b: Omit<HistoryRoute, "weight">) =>
  a.table === b.table && a.destination === b.destination && a.nextHop === b.nextHop;

/**
 * The gateway's tables at every moment of the log. `dualTunnel`: the gateway ignores weight writes, as the
 * emulator's dual-tunnel gateways do.
 */
export function history(
  before: HistoryRoute[],
  log: EmulatorLogEntry[],
  gateway: string,
  dualTunnel = false,
): Moment[] {
  let routes = before.map((r) => ({ ...r }));
  const moments: Moment[] = [{ after: "(start)", routes }];
  const applied = oncePerWrite(log).filter(
    (e) => e.status === 200 && e.params.VpnGatewayId === gateway && !e.action.startsWith("Describe"),
  );
  for (const entry of applied) {
    const key = keyOf(entry);
    if (entry.action.startsWith("Create"))
      routes = [...routes, { ...key, weight: Number(entry.params.Weight) }];
    else if (entry.action.startsWith("Delete")) routes = routes.filter((r) => !same(r, key));
    else if (WEIGHT_ACTIONS.has(entry.action) && entry.params.NewWeight !== undefined && !dualTunnel) {
      routes = routes.map((r) => (same(r, key) ? { ...r, weight: Number(entry.params.NewWeight) } : r));
    } else continue;
    moments.push({ after: `${entry.action} ${key.destination} ${key.nextHop}`, routes });
  }
  return moments;
}

/** Moments where a destination had no route, or two active ones. */
export function brokenMoments(moments: Moment[], destinations: string[]): string[] {
  const broken: string[] = [];
  for (const moment of moments) {
    for (const destination of destinations) {
      const routes = moment.routes.filter((r) => r.destination === destination);
      const active = routes.filter((r) => r.weight === 100).length;
      if (routes.length === 0) broken.push(`${destination} has no route after ${moment.after}`);
      if (active > 1) broken.push(`${destination} has ${active} active routes after ${moment.after}`);
    }
  }
  return broken;
}

export const sortRoutes = (routes: HistoryRoute[]): HistoryRoute[] =>
  [...routes].sort((a, b) =>
    `${a.table}${a.destination}${a.nextHop}`.localeCompare(`${b.table}${b.destination}${b.nextHop}`),
  );
