/** What an engine operation did to the route resources, read from its event log and from the emulator. */
import type { EngineEvent, UpdateReport } from "../../tests/e2e/engine-output";
import { PulumiCommandError } from "../../tests/e2e/harness";

/** Route resources' types end with these (`pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry`). */
const ROUTE_TYPE_SUFFIXES = [":VpnRouteEntry", ":VpnPbrRouteEntry"];

/** `urn:pulumi:stack::project::parentType$type::name`: the resource's own type is the last `$` part. */
export function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? (parts[2].split("$").pop() ?? "") : "";
}

export const isRouteUrn = (urn: string): boolean =>
  ROUTE_TYPE_SUFFIXES.some((suffix) => typeOfUrn(urn).endsWith(suffix));

type FailedEvent = EngineEvent & { resOpFailedEvent?: { metadata: { urn: string } } };

/** URNs of route resources the engine reports failed (a failed operation, or an error diagnostic on them). */
export function failedRouteUrns(report: UpdateReport | undefined): string[] {
  if (!report) return [];
  const failed = new Set<string>();
  for (const event of report.events as FailedEvent[]) {
    const urn = event.resOpFailedEvent?.metadata.urn;
    if (urn && isRouteUrn(urn)) failed.add(urn);
  }
  for (const d of report.diagnostics)
    if (d.severity === "error" && d.urn && isRouteUrn(d.urn)) failed.add(d.urn);
  return [...failed].sort();
}

/** Counts of applied operations on route resources ("create", "same", "refresh"...). */
export function routeOps(report: UpdateReport): Record<string, number> {
  const ops: Record<string, number> = {};
  for (const step of report.steps) if (isRouteUrn(step.urn)) ops[step.op] = (ops[step.op] ?? 0) + 1;
  return ops;
}

export interface EngineRun {
  report?: UpdateReport;
  seconds: number;
  /** The command's error when it exited non-zero (the report, if any, is on it). */
  error?: PulumiCommandError;
}

/** Times an engine operation; a failed command is a result to report, not a crash of the bench. */
export async function timed(operation: () => Promise<UpdateReport>): Promise<EngineRun> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const report = await operation();
    return { report, seconds: seconds() };
  } catch (err) {
    if (!(err instanceof PulumiCommandError)) throw err;
    return { report: err.report, seconds: seconds(), error: err };
  }
}

/** Declared identities (`dest|nextHop`) against the emulator's table: extra copies and missing routes. */
export function compareTables(declared: string[], listed: string[]): { duplicates: number; missing: number } {
  const wanted = new Set(declared);
  const seen = new Map<string, number>();
  for (const key of listed) seen.set(key, (seen.get(key) ?? 0) + 1);
  let duplicates = 0;
  for (const [key, n] of seen) duplicates += wanted.has(key) ? n - 1 : n;
  const missing = [...wanted].filter((key) => !seen.has(key)).length;
  return { duplicates, missing };
}

/** Destinations of `dests` whose one active route (weight 100) in `listed` is not the one through `active`. */
export function wrongActive(
  listed: { RouteDest: string; NextHop: string; Weight: number }[],
  dests: string[],
  active: string,
): number {
  return dests.filter((d) => {
    const actives = listed.filter((r) => r.RouteDest === d && r.Weight === 100);
    return actives.length !== 1 || actives[0].NextHop !== active;
  }).length;
}
