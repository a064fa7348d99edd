/**
 * Converge: `pulumi up --skip-preview` of N new routes over G gateways through the real engine, against an
 * emulator whose gateways take configDelayMs per write. Compared with the least possible time, the busiest
 * gateway's writes back to back.
 */
import type { FaultOptions, RateLimitOptions } from "../../emulator";
import { apiTimeline, type ApiTimeline } from "../apiTimeline";
import { providerEnv, startBenchEmulator, totalCalls } from "../emulators";
import { compareTables, failedRouteUrns, routeOps, timed } from "../engine/outcome";
import { programFiles, type ProgramLayout } from "../engine/program";
import { createBenchProject } from "../engine/project";
import { BENCH_NEXT_HOP, benchGateways, limitSeconds, ratio } from "../topology";

export interface ConvergeSetup {
  routes: number;
  gateways: number;
  configDelayMs: number;
  /** `pulumi up --parallel`. @default the CLI's default (4 x CPUs) */
  parallel?: number;
  /** @default "components" */
  layout?: ProgramLayout;
  /** Emulator faults during the update. @default none */
  faults?: FaultOptions;
  /** The emulator's per-API rate limits. @default off (see startBenchEmulator) */
  rateLimits?: RateLimitOptions | false;
}

export interface ConvergeResult extends ConvergeSetup {
  seconds: number;
  limitSeconds: number;
  ratio: number;
  /** Every request the emulator counted during the update, rejected ones included. */
  apiCalls: number;
  callsByAction: Record<string, number>;
  timeline: ApiTimeline;
  /** From the command's start to the first API request (CLI, program, provider host start-up). */
  engineStartSeconds: number;
  /** From the last gateway becoming idle to the command's exit (final waits, state, shutdown). */
  engineTailSeconds: number;
  created: number;
  /** Route resources the engine reports failed. */
  failed: number;
  /** Entries on the gateways beyond the declared ones (a second copy, or one nobody declared). */
  duplicates: number;
  /** Declared routes the gateways do not hold. */
  missing: number;
  /** The engine's result: "succeeded", "failed"... */
  result: string;
  /** Calls the emulator answered with a Throttling code during the update. */
  throttled: number;
}

export async function runConverge(setup: ConvergeSetup): Promise<ConvergeResult> {
  const gateways = benchGateways(setup.routes, setup.gateways);
  const emulator = await startBenchEmulator({
    gateways,
    configDelayMs: setup.configDelayMs,
    rateLimits: setup.rateLimits,
  });
  const declared = gateways.flatMap((g) =>
    g.routeDests.map((d) => `${g.vpnGatewayId}|${d}|${BENCH_NEXT_HOP}`),
  );
  const project = await createBenchProject({
    name: `converge-${setup.routes}`,
    files: programFiles(gateways, setup.layout),
    env: providerEnv(emulator, setup.rateLimits !== undefined && setup.rateLimits !== false),
  }).catch(async (err: unknown) => {
    await emulator.stop();
    throw err;
  });
  try {
    // Faults start with the measured update: project setup makes no API calls, but stays out of the dice.
    if (setup.faults) emulator.setFaults(setup.faults);
    emulator.clearLog();
    const args = setup.parallel ? ["--parallel", String(setup.parallel)] : [];
    const startedAt = Date.now();
    const run = await timed(() => project.up({ skipPreview: true, args }));
    const counts = emulator.counts();
    const limit = limitSeconds(setup.routes, setup.gateways, setup.configDelayMs);
    const log = emulator.requestLog();
    const timeline = apiTimeline(log, setup.configDelayMs);
    const firstRequestAt = log.length ? Math.min(...log.map((e) => e.time)) : startedAt;
    const engineStartSeconds = (firstRequestAt - startedAt) / 1000;
    emulator.setFaults({});
    const listed = gateways.flatMap((g) =>
      emulator.routes(g.vpnGatewayId).map((r) => `${g.vpnGatewayId}|${r.RouteDest}|${r.NextHop}`),
    );
    return {
      ...setup,
      seconds: run.seconds,
      limitSeconds: limit,
      ratio: ratio(run.seconds, limit),
      apiCalls: totalCalls(counts),
      callsByAction: counts,
      timeline,
      engineStartSeconds,
      engineTailSeconds: Math.max(0, run.seconds - engineStartSeconds - timeline.apiSeconds),
      created: run.report ? (routeOps(run.report).create ?? 0) : 0,
      failed: failedRouteUrns(run.report).length,
      ...compareTables(declared, listed),
      result: run.report?.result ?? `command failed: ${run.error?.message.split("\n")[0] ?? "unknown"}`,
      throttled: log.filter((e) => e.code?.includes("Throttling")).length,
    };
  } finally {
    await project.dispose();
    await emulator.stop();
  }
}
