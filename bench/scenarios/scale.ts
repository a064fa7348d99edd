/**
 * scale: plain `pulumi up --skip-preview` (checkpoints on, file backend) of N routes over G gateways, beside
 * the engine's floor measured in the same run: as many no-op dynamic resources, the same command. At each
 * route count: seconds, state bytes, API requests and peak memory (program, provider) per route, so how the
 * cost grows with N is visible against the floor and the gateways' limit.
 */
import { providerEnv, startBenchEmulator, totalCalls } from "../emulators";
import { firstCreateAt, floorProgramFiles } from "../engine/floorProgram";
import { watchPeakMemory, type PeakMemory } from "../engine/peakMemory";
import { programFiles } from "../engine/program";
import { createBenchProject, stateFileBytes } from "../engine/project";
import { round2 } from "../meta";
import { benchGateways, limitSeconds, ratio } from "../topology";
import type { PulumiProject } from "../../tests/e2e/harness";

const UP_ARGS = ["up", "--yes", "--skip-preview"];

export interface ScaleSetup {
  /** Route counts of the curve; the headline is `routes`. */
  points: number[];
  routes: number;
  gateways: number;
  configDelayMs: number;
}

export interface ScaleRun extends PeakMemory {
  seconds: number;
  stateBytes: number;
}

export interface ScalePoint {
  routes: number;
  limitSeconds: number;
  seconds: number;
  floorSeconds: number;
  floorRatio: number;
  ratio: number;
  stateBytesPerRoute: number;
  floorStateBytesPerResource: number;
  apiCallsPerRoute: number;
  programPeakMiB: number;
  providerPeakMiB: number;
  floorProgramPeakMiB: number;
  floorProviderPeakMiB: number;
  /** Set on a point measured on its own (`--scale-point`) and written into a full run's curve. */
  measuredAlone?: { startedAt: string; gitCommit: string; loadAverageStart: number; loadAverageEnd: number };
}

/** `pulumi up` (UP_ARGS and `extraArgs`), timed, with the peak memory of the CLI, program and provider. */
export async function upWatched(
  project: PulumiProject,
  what: string,
  extraArgs: string[] = [],
): Promise<ScaleRun> {
  const started = process.hrtime.bigint();
  const command = await project.start([...UP_ARGS, ...extraArgs]);
  const memory = watchPeakMemory(command.pid);
  const result = await command.done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peaks = memory.stop();
  if (result.exitCode !== 0) {
    throw new Error(`${what}: pulumi up exited ${result.exitCode}: ${result.stderr.slice(-2000)}`);
  }
  return { seconds, stateBytes: stateFileBytes(project), ...peaks };
}

async function runRoutes(routes: number, gateways: number, configDelayMs: number) {
  const topology = benchGateways(routes, gateways);
  const emulator = await startBenchEmulator({ gateways: topology, configDelayMs });
  try {
    const project = await createBenchProject({
      name: `scale-${routes}`,
      files: programFiles(topology),
      env: providerEnv(emulator),
    });
    try {
      emulator.clearLog();
      const run = await upWatched(project, `${routes} routes`);
      const listed = topology.reduce((n, g) => n + emulator.routes(g.vpnGatewayId).length, 0);
      if (listed !== routes) throw new Error(`${routes} routes declared, the gateways hold ${listed}`);
      return { ...run, apiCalls: totalCalls(emulator.counts()) };
    } finally {
      await project.dispose();
    }
  } finally {
    await emulator.stop();
  }
}

export interface FloorRun extends ScaleRun {
  /** With stampCreates: from the command's start to the first no-op create (CLI, program, provider host). */
  engineStartSeconds?: number;
}

/** `pulumi up --yes --skip-preview` of N no-op dynamic resources: the engine's own cost of creating N. */
export async function runFloor(resources: number, { stampCreates = false } = {}): Promise<FloorRun> {
  const project = await createBenchProject({
    name: `floor-${resources}`,
    files: floorProgramFiles(resources, { stampCreates }),
  });
  try {
    const startedAt = Date.now();
    const run = await upWatched(project, `floor of ${resources}`);
    if (!stampCreates) return run;
    return { ...run, engineStartSeconds: (firstCreateAt(project.dir) - startedAt) / 1000 };
  } finally {
    await project.dispose();
  }
}

export async function runScalePoint(
  routes: number,
  gateways: number,
  configDelayMs: number,
): Promise<ScalePoint> {
  const ours = await runRoutes(routes, gateways, configDelayMs);
  const floor = await runFloor(routes);
  const limit = limitSeconds(routes, gateways, configDelayMs);
  return {
    routes,
    limitSeconds: round2(limit),
    seconds: round2(ours.seconds),
    floorSeconds: round2(floor.seconds),
    floorRatio: round2(ours.seconds / floor.seconds),
    ratio: round2(ratio(ours.seconds, limit)),
    stateBytesPerRoute: Math.round(ours.stateBytes / routes),
    floorStateBytesPerResource: Math.round(floor.stateBytes / routes),
    apiCallsPerRoute: round2(ours.apiCalls / routes),
    programPeakMiB: ours.programPeakMiB,
    providerPeakMiB: ours.providerPeakMiB,
    floorProgramPeakMiB: floor.programPeakMiB,
    floorProviderPeakMiB: floor.providerPeakMiB,
  };
}

export async function runScale(setup: ScaleSetup, log: (message: string) => void = () => undefined) {
  const curve: ScalePoint[] = [];
  for (const routes of [...new Set([...setup.points, setup.routes])].sort((a, b) => a - b)) {
    const point = await runScalePoint(routes, setup.gateways, setup.configDelayMs);
    log(
      `scale ${routes} routes: ${point.seconds} s, floor ${point.floorSeconds} s (${point.floorRatio}x), ` +
        `${point.stateBytesPerRoute} B and ${point.apiCallsPerRoute} calls a route, program ${point.programPeakMiB} MiB (floor ${point.floorProgramPeakMiB})`,
    );
    curve.push(point);
  }
  const head = curve.find((p) => p.routes === setup.routes)!;
  return {
    routes: setup.routes,
    gateways: setup.gateways,
    configDelayMs: setup.configDelayMs,
    command: UP_ARGS.join(" "),
    seconds: head.seconds,
    floorSeconds: head.floorSeconds,
    floorRatio: head.floorRatio,
    limitSeconds: head.limitSeconds,
    ratio: head.ratio,
    stateBytesPerRoute: head.stateBytesPerRoute,
    apiCallsPerRoute: head.apiCallsPerRoute,
    programPeakMiB: head.programPeakMiB,
    floorProgramPeakMiB: head.floorProgramPeakMiB,
    providerPeakMiB: head.providerPeakMiB,
    floorProviderPeakMiB: head.floorProviderPeakMiB,
    curve,
  };
}

export type ScaleResult = Awaited<ReturnType<typeof runScale>>;
