/** The bench's result document (bench/results/latest.json) and the targets each figure is held to. */
import type { BenchMeta } from "./meta";
import { round2 } from "./meta";
import type { BaselineRun } from "./scenarios/baseline";
import type { ConvergeResult } from "./scenarios/converge";
import type { LargeStackResult } from "./scenarios/largeStack";
import type { RateLimitedResult } from "./scenarios/rateLimited";
import type { FloorRun, ScaleResult } from "./scenarios/scale";

/** Issue 12: plain `pulumi up` of 100 routes over 4 gateways against the busiest gateway's writes back to back. */
export const CONVERGE_RATIO_TARGET = 1.1;
export const FAULTS_RATIO_TARGET = 1.6;
/** Plain `pulumi up` at the documented rate limits, against the larger of its gateway and rate bounds. */
export const RATE_LIMITED_RATIO_TARGET = 1.2;
/** scale: plain `pulumi up` of the routes against the engine's floor for as many no-op resources. */
export const SCALE_FLOOR_RATIO_TARGET = 1.3;
/** scale: the program's peak memory against the floor's (same count, so per route too). */
export const SCALE_MEMORY_RATIO_TARGET = 1.3;
export const SCALE_STATE_BYTES_TARGET = 2560;
export const SCALE_API_CALLS_TARGET = 4;
/** `pulumi preview` of unchanged routes against the floor's preview of as many no-op resources. */
export const PREVIEW_FLOOR_RATIO_TARGET = 1.2;

/**
 * Whether a run holds its time ratios (converge, faults, rateLimited, scale against the floor) to the targets.
 * `--quick` does not: at its sizes the limits are under a second and the engine's start (about 2.3 s, the
 * same for any provider) is most of every run, so a quick converge of 12 routes is 4x its 0.75 s limit by
 * construction. It reports them, and holds what does not depend on size: no duplicates, missing or failed
 * routes, API requests and state bytes per route, refresh listings, the preview's and the program memory's
 * ratio to the floor, no throttled call.
 */
export function holdsTimeRatios(meta: Pick<BenchMeta, "mode">): boolean {
  return meta.mode === "full";
}

export interface ConvergePoint {
  routes: number;
  limitSeconds: number;
  /** `pulumi up --parallel <routes>`. */
  pulumiSeconds?: number;
  /** Plain `pulumi up` (the CLI's default parallelism). */
  pulumiDefaultSeconds?: number;
  baselineSeconds?: number;
}

export interface Target {
  name: string;
  value: number;
  target: number;
  /** "max": value <= target. */
  met: boolean;
}

export interface BenchResults {
  meta: BenchMeta;
  converge: ReturnType<typeof convergeSection>;
  refresh: LargeStackResult["refresh"];
  state: LargeStackResult["state"];
  faults: ReturnType<typeof faultsSection>;
  preview: LargeStackResult["preview"] & { setupSeconds: number };
  /** Absent from result files written before the scenario existed. */
  rateLimited?: RateLimitedResult & {
    target: number;
    /** Set when the scenario was measured on its own and written into a full run's file. */
    measuredAlone?: { note: string; startedAt: string; loadAverageStart: number };
  };
  /** Absent from result files written before the scenario existed. */
  scale?: ReturnType<typeof scaleSection>;
  targets: Target[];
}

const engineFigures = (r: ConvergeResult) => ({
  seconds: round2(r.seconds),
  ratio: round2(r.ratio),
  apiCalls: r.apiCalls,
  callsByAction: r.callsByAction,
  engineStartSeconds: round2(r.engineStartSeconds),
  apiSeconds: round2(r.timeline.apiSeconds),
  engineTailSeconds: round2(r.engineTailSeconds),
  busyRefusals: r.timeline.busyRefusals,
  created: r.created,
  failed: r.failed,
  result: r.result,
});

export function convergeSection(
  headline: ConvergeResult,
  tuned: ConvergeResult[],
  baselines: BaselineRun[],
  defaultParallel: number,
  /** Absent from --quick. */
  floor?: FloorRun,
) {
  const sameSize = <T extends { routes: number }>(list: T[]) =>
    list.find((r) => r.routes === headline.routes);
  const baseline = sameSize(baselines);
  const tunedHeadline = sameSize(tuned);
  const routeCounts = [...new Set([...tuned, ...baselines, headline].map((r) => r.routes))].sort(
    (a, b) => a - b,
  );
  const points: ConvergePoint[] = routeCounts.map((routes) => ({
    routes,
    limitSeconds: round2(
      (tuned.find((r) => r.routes === routes) ?? baselines.find((r) => r.routes === routes) ?? headline)
        .limitSeconds,
    ),
    pulumiSeconds: opt(tuned.find((r) => r.routes === routes)?.seconds),
    pulumiDefaultSeconds: routes === headline.routes ? round2(headline.seconds) : undefined,
    baselineSeconds: opt(baselines.find((r) => r.routes === routes)?.seconds),
  }));
  return {
    routes: headline.routes,
    gateways: headline.gateways,
    configDelayMs: headline.configDelayMs,
    command: "pulumi up --yes --skip-preview",
    parallel: defaultParallel,
    limitSeconds: round2(headline.limitSeconds),
    target: CONVERGE_RATIO_TARGET,
    ...engineFigures(headline),
    /** The engine alone: the same command for as many no-op dynamic resources, in the same run. */
    floor: floor && {
      seconds: round2(floor.seconds),
      engineStartSeconds: round2(floor.engineStartSeconds ?? NaN),
    },
    baseline: baseline && {
      seconds: round2(baseline.seconds),
      ratio: round2(baseline.ratio),
      parallelism: baseline.parallelism,
      apiCalls: baseline.apiCalls,
      createAttempts: baseline.createAttempts,
      busyRefusals: baseline.busyRefusals,
      created: baseline.created,
      failed: baseline.failed,
      schedule:
        "terraform-provider-alicloud: no ordering, waits 3 s then 5 s on a busy gateway, new ClientToken per retry, no gateway polling, 5 s state delay then listing every 3 s",
    },
    tuned: tunedHeadline && {
      command: `pulumi up --yes --skip-preview --parallel ${tunedHeadline.parallel}`,
      parallel: tunedHeadline.parallel,
      ...engineFigures(tunedHeadline),
    },
    points,
  };
}

export function faultsSection(r: ConvergeResult) {
  return {
    routes: r.routes,
    gateways: r.gateways,
    configDelayMs: r.configDelayMs,
    throttlePct: r.faults?.throttlePct ?? 0,
    serverErrorPct: r.faults?.serverErrorPct ?? 0,
    lostResponsePct: r.faults?.resetAfterApplyPct ?? 0,
    faultSeed: r.faults?.seed,
    command: `pulumi up --yes --skip-preview --parallel ${r.parallel}`,
    duplicates: r.duplicates,
    missing: r.missing,
    limitSeconds: round2(r.limitSeconds),
    target: FAULTS_RATIO_TARGET,
    ...engineFigures(r),
  };
}

/** The program's peak against the floor's program, at one point of the curve (or the headline). */
export function programMemoryRatio(p: { programPeakMiB: number; floorProgramPeakMiB: number }): number {
  return round2(p.programPeakMiB / p.floorProgramPeakMiB);
}

/**
 * `oneGateway`: the large stack's create, every route on one gateway (the scale points spread them over ten),
 * for the requests a route at that size.
 */
export function scaleSection(r: ScaleResult, oneGateway?: { routes: number; apiCallsPerRoute: number }) {
  return {
    ...r,
    oneGateway,
    programMemoryRatio: programMemoryRatio(r),
    targets: {
      floorRatio: SCALE_FLOOR_RATIO_TARGET,
      programMemoryRatio: SCALE_MEMORY_RATIO_TARGET,
      stateBytesPerRoute: SCALE_STATE_BYTES_TARGET,
      apiCallsPerRoute: SCALE_API_CALLS_TARGET,
    },
  };
}

/**
 * A full run's curve with the points an earlier file had measured on its own (`--scale-point`) at route counts
 * this run did not measure: they keep their own date and commit, so the curve does not lose its 2,000-route
 * point each time the full bench runs.
 */
export function withPointsMeasuredAlone(
  curve: ScaleResult["curve"],
  previous: ScaleResult["curve"] = [],
): ScaleResult["curve"] {
  const kept = previous.filter((p) => p.measuredAlone && !curve.some((q) => q.routes === p.routes));
  return [...curve, ...kept].sort((a, b) => a.routes - b.routes);
}

function opt(n: number | undefined): number | undefined {
  return n === undefined ? undefined : round2(n);
}

export function evaluateTargets(r: Omit<BenchResults, "targets">): Target[] {
  const max = (name: string, value: number, target: number): Target => ({
    name,
    value,
    target,
    met: value <= target,
  });
  const timed = holdsTimeRatios(r.meta);
  const list: Target[] = [];
  if (timed) list.push(max("converge ratio (plain pulumi up)", r.converge.ratio, CONVERGE_RATIO_TARGET));
  if (timed && r.converge.tuned)
    list.push(max("converge ratio (--parallel)", r.converge.tuned.ratio, CONVERGE_RATIO_TARGET));
  list.push(
    max("refresh DescribeVpnRouteEntries calls", r.refresh.describeCalls, r.refresh.targetCalls),
    max("__provider bytes per resource", r.state.providerBytesPerResource, r.state.providerTargetBytes),
    max("faults: duplicates", r.faults.duplicates, 0),
    max("faults: missing", r.faults.missing, 0),
    max("faults: failed", r.faults.failed, 0),
  );
  if (timed) list.push(max("faults ratio", r.faults.ratio, FAULTS_RATIO_TARGET));
  if (r.preview.floorRatio !== undefined) {
    list.push(max("preview ratio to the floor's preview", r.preview.floorRatio, PREVIEW_FLOOR_RATIO_TARGET));
  }
  if (r.scale) {
    if (timed)
      list.push(max("scale: ratio to the engine's floor", r.scale.floorRatio, SCALE_FLOOR_RATIO_TARGET));
    list.push(
      max("scale: program memory against the floor's", r.scale.programMemoryRatio, SCALE_MEMORY_RATIO_TARGET),
      max("scale: state bytes per route", r.scale.stateBytesPerRoute, SCALE_STATE_BYTES_TARGET),
      max("scale: API requests per route", r.scale.apiCallsPerRoute, SCALE_API_CALLS_TARGET),
    );
    // The curve's largest point is measured on its own (run.ts --scale-point) and merged in: held too.
    const worst = Math.max(...r.scale.curve.map(programMemoryRatio));
    list.push(
      max("scale: program memory against the floor's, every point", worst, SCALE_MEMORY_RATIO_TARGET),
    );
    if (r.scale.oneGateway) {
      list.push(
        max(
          `scale: API requests per route, ${r.scale.oneGateway.routes} on one gateway`,
          r.scale.oneGateway.apiCallsPerRoute,
          SCALE_API_CALLS_TARGET,
        ),
      );
    }
  }
  if (r.rateLimited) {
    list.push(max("rateLimited: throttled calls", r.rateLimited.throttled, 0));
    if (timed) list.push(max("rateLimited ratio", r.rateLimited.ratio, RATE_LIMITED_RATIO_TARGET));
  }
  return list;
}
