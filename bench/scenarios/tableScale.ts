/**
 * tableScale: a landing zone past the engine's floor. R routes over G gateways (P destinations of them as
 * active/standby pairs) as one VpnGatewayRouteTable per gateway, beside the same shape of routes as
 * VpnGatewayRoutes (a resource per route) and the engine's floor for as many no-op resources, at the per-route
 * count that fits the bench's time (the file backend rewrites the whole state after every step, so the
 * per-route runs grow with the square of the routes). Each layout: `pulumi up` creating the routes, `pulumi
 * preview` of them unchanged, a failover of every pair (`up`). Tables run with `--parallel` = gateways, so every
 * gateway works at once (docs/route-table-resource.md); per-route resources with the CLI's default, as `scale`.
 * An `up`'s bound: the busiest gateway's writes back to back, plus the engine's start (the first no-op create of
 * a floor, measured in the same run, as `converge` measures it).
 */
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startBenchEmulator, totalCalls } from "../emulators";
import { compareTables, timed, wrongActive } from "../engine/outcome";
import { programFiles, type ProgramLayout } from "../engine/program";
import { createBenchProject } from "../engine/project";
import { round2, runLine, type BenchMeta } from "../meta";
import {
  BENCH_NEXT_HOP,
  BENCH_STANDBY_HOP,
  limitSeconds,
  pairedGateways,
  ratio,
  type BenchGateway,
} from "../topology";
import { runFloor, upWatched } from "./scale";
import type { PulumiProject } from "../../tests/e2e/harness";

export interface TableScaleSetup {
  routes: number;
  gateways: number;
  /** Destinations declared as active/standby pairs (two routes each), all failed over in one `up`. */
  pairs: number;
  configDelayMs: number;
  /** Routes of the per-route layout and of the floor: as many a gateway, over fewer gateways. */
  perRouteRoutes: number;
}

const WRITE_ACTIONS = /^(Create|Delete|Modify|Publish)/;

export interface LayoutRun {
  layout: Extract<ProgramLayout, "tables" | "components">;
  routes: number;
  gateways: number;
  pairs: number;
  /** `--parallel` of its `up`s; undefined: the CLI's default. */
  parallel?: number;
  create: {
    seconds: number;
    /** The busiest gateway's writes back to back. */
    limitSeconds: number;
    /** limitSeconds plus the engine's start. */
    boundSeconds: number;
    ratio: number;
    apiCallsPerRoute: number;
    stateBytes: number;
    stateBytesPerRoute: number;
    cliPeakMiB: number;
    programPeakMiB: number;
    providerPeakMiB: number;
    /** Routes the gateways hold twice, and declared routes they lack. */
    duplicates: number;
    missing: number;
  };
  /** `pulumi preview` of the stack unchanged; `unchanged`: it proposed no step but `same`. */
  preview: { seconds: number; unchanged: boolean; apiCalls: number };
  failover: {
    seconds: number;
    writes: number;
    /** The writes of the busiest gateway, back to back, plus the engine's start. */
    boundSeconds: number;
    ratio: number;
    /** Pair destinations whose one active route is not the standby afterwards. */
    wrongActive: number;
  };
}

export interface TableScaleResult extends TableScaleSetup {
  /** The engine's start: from the command to the first create of a floor of `gateways` no-op resources. */
  engineStartSeconds: number;
  runs: LayoutRun[];
  floor: {
    resources: number;
    seconds: number;
    stateBytesPerResource: number;
    cliPeakMiB: number;
    programPeakMiB: number;
  };
}

/** The writes the emulator took (answered 200) on each gateway since its log was cleared. */
function writesByGateway(emulator: RunningEmulator): Map<string, number> {
  const writes = new Map<string, number>();
  for (const e of emulator.requestLog()) {
    if (e.status !== 200 || !WRITE_ACTIONS.test(e.action)) continue;
    const gateway = e.params.VpnGatewayId ?? "";
    writes.set(gateway, (writes.get(gateway) ?? 0) + 1);
  }
  return writes;
}

/** Declared routes (`gateway|dest|nextHop`) against the gateways' tables. */
function checkTables(emulator: RunningEmulator, gateways: BenchGateway[]) {
  const declared = gateways.flatMap((g) => [
    ...g.routeDests.map((d) => `${g.vpnGatewayId}|${d}|${BENCH_NEXT_HOP}`),
    ...(g.pairDests ?? []).flatMap((d) => [
      `${g.vpnGatewayId}|${d}|${BENCH_NEXT_HOP}`,
      `${g.vpnGatewayId}|${d}|${BENCH_STANDBY_HOP}`,
    ]),
  ]);
  const listed = gateways.flatMap((g) =>
    emulator.routes(g.vpnGatewayId).map((r) => `${g.vpnGatewayId}|${r.RouteDest}|${r.NextHop}`),
  );
  return compareTables(declared, listed);
}

/** Pair destinations, over every gateway, whose one active route is not the one through `active`. */
function pairsWithWrongActive(emulator: RunningEmulator, gateways: BenchGateway[], active: string): number {
  return gateways.reduce(
    (n, g) => n + wrongActive(emulator.routes(g.vpnGatewayId), g.pairDests ?? [], active),
    0,
  );
}

/** A stack's program as measureStack runs it: its files, and how it turns to every pair failed over. */
export interface MeasuredProgram {
  /** Names the project. */
  name: string;
  files: Record<string, string>;
  /** `--parallel` of its `up`s; undefined: the CLI's default. */
  parallel?: number;
  /** Changes the project so that its next `up` makes every pair's standby the active route. */
  failOver(project: PulumiProject): Promise<void>;
}

/** The TypeScript program's failover (bench/engine/program.ts): its `failedOver` config. */
export const failOverByConfig = (project: PulumiProject) =>
  project.setConfig("failedOver", { value: "true" });

export type StackRun = Pick<LayoutRun, "create" | "preview" | "failover">;

/**
 * The routes of `topology` through `program`, on an emulator of their own: `pulumi up` creating them, `pulumi
 * preview` of them unchanged, a failover of every pair (`up`), each checked against the gateways' tables.
 */
export async function measureStack(
  program: MeasuredProgram,
  topology: BenchGateway[],
  configDelayMs: number,
  engineStartSeconds: number,
): Promise<StackRun> {
  const routes = topology.reduce((n, g) => n + g.routeDests.length + 2 * (g.pairDests ?? []).length, 0);
  const emulator = await startBenchEmulator({ gateways: topology, configDelayMs });
  const parallelArgs = program.parallel ? ["--parallel", String(program.parallel)] : [];
  try {
    const project = await createBenchProject({
      name: program.name,
      files: program.files,
      env: providerEnv(emulator),
    });
    try {
      emulator.clearLog();
      const created = await upWatched(project, `${program.name}, ${routes} routes`, parallelArgs);
      const createCalls = totalCalls(emulator.counts());
      const limit = limitSeconds(routes, topology.length, configDelayMs);

      emulator.clearLog();
      const previewStarted = process.hrtime.bigint();
      const preview = await project.preview();
      const previewSeconds = Number(process.hrtime.bigint() - previewStarted) / 1e9;
      const previewCalls = totalCalls(emulator.counts());

      emulator.clearLog();
      await program.failOver(project);
      const failover = await timed(() => project.up({ skipPreview: true, args: parallelArgs }));
      if (failover.error) throw failover.error;
      const writes = [...writesByGateway(emulator).values()];
      const busiest = Math.max(0, ...writes);
      const failoverWrites = writes.reduce((a, b) => a + b, 0);
      const failoverBound = (busiest * configDelayMs) / 1000 + engineStartSeconds;
      return {
        create: {
          seconds: round2(created.seconds),
          limitSeconds: round2(limit),
          boundSeconds: round2(limit + engineStartSeconds),
          ratio: round2(ratio(created.seconds, limit + engineStartSeconds)),
          apiCallsPerRoute: round2(createCalls / routes),
          stateBytes: created.stateBytes,
          stateBytesPerRoute: Math.round(created.stateBytes / routes),
          cliPeakMiB: created.cliPeakMiB,
          programPeakMiB: created.programPeakMiB,
          providerPeakMiB: created.providerPeakMiB,
          ...checkTables(emulator, topology),
        },
        preview: {
          seconds: round2(previewSeconds),
          unchanged: Object.keys(preview.changeSummary).every((op) => op === "same"),
          apiCalls: previewCalls,
        },
        failover: {
          seconds: round2(failover.seconds),
          writes: failoverWrites,
          boundSeconds: round2(failoverBound),
          ratio: round2(ratio(failover.seconds, failoverBound)),
          wrongActive: pairsWithWrongActive(emulator, topology, BENCH_STANDBY_HOP),
        },
      };
    } finally {
      await project.dispose();
    }
  } finally {
    await emulator.stop();
  }
}

async function runLayout(
  layout: LayoutRun["layout"],
  routes: number,
  gateways: number,
  pairs: number,
  configDelayMs: number,
  engineStartSeconds: number,
): Promise<LayoutRun> {
  const topology = pairedGateways(routes, gateways, pairs);
  // A table converges its gateway within one step: as many steps at once as gateways.
  const parallel = layout === "tables" ? gateways : undefined;
  const program = {
    name: `table-scale-${layout}-${routes}`,
    files: programFiles(topology, layout),
    parallel,
    failOver: failOverByConfig,
  };
  const run = await measureStack(program, topology, configDelayMs, engineStartSeconds);
  return { layout, routes, gateways, pairs, parallel, ...run };
}

export async function runTableScale(
  setup: TableScaleSetup,
  say: (line: string) => void = () => undefined,
): Promise<TableScaleResult> {
  const { routes, gateways, pairs, configDelayMs, perRouteRoutes } = setup;
  const start = await runFloor(gateways, { stampCreates: true });
  const engineStartSeconds = round2(start.engineStartSeconds!);
  say(`table scale: the engine's start ${engineStartSeconds} s`);
  const perGateway = routes / gateways;
  const smallGateways = Math.max(1, Math.round(perRouteRoutes / perGateway));
  const smallPairs = Math.round((pairs * smallGateways) / gateways);
  const runs: LayoutRun[] = [];
  for (const [layout, n, g, p] of [
    ["tables", routes, gateways, pairs],
    ["tables", perRouteRoutes, smallGateways, smallPairs],
    ["components", perRouteRoutes, smallGateways, smallPairs],
  ] as const) {
    const run = await runLayout(layout, n, g, p, configDelayMs, engineStartSeconds);
    say(
      `table scale, ${layout} ${n} routes: up ${run.create.seconds} s (${run.create.ratio}x), preview ` +
        `${run.preview.seconds} s, failover ${run.failover.seconds} s (${run.failover.ratio}x)`,
    );
    runs.push(run);
  }
  const floor = await runFloor(perRouteRoutes);
  say(`table scale, floor of ${perRouteRoutes}: ${round2(floor.seconds)} s`);
  return {
    ...setup,
    engineStartSeconds,
    runs,
    floor: {
      resources: perRouteRoutes,
      seconds: round2(floor.seconds),
      stateBytesPerResource: Math.round(floor.stateBytes / perRouteRoutes),
      cliPeakMiB: floor.cliPeakMiB,
      programPeakMiB: floor.programPeakMiB,
    },
  };
}

/** Every route on the gateways as declared, once; the preview unchanged; every pair failed over. */
export function isCorrect(run: StackRun): boolean {
  const c = run.create;
  return c.duplicates === 0 && c.missing === 0 && run.preview.unchanged && run.failover.wrongActive === 0;
}

/** The figures as a table (the guide shows it, bench/report/flagSections.ts). */
export function tableScaleTable(r: TableScaleResult): string[] {
  const lines = [
    "| layout | routes | gateways | --parallel | up (s) | bound (s) | ratio | state bytes a route | requests a route | CLI / program / provider MiB | preview unchanged (s) | failover (s) | failover writes | failover ratio | correct |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const run of r.runs) {
    const c = run.create;
    const correct = isCorrect(run);
    lines.push(
      `| ${run.layout === "tables" ? "VpnGatewayRouteTable" : "VpnGatewayRoutes"} | ${run.routes} | ${run.gateways} | ` +
        `${run.parallel ?? "default"} | ${c.seconds} | ${c.boundSeconds} | ${c.ratio}x | ${c.stateBytesPerRoute} | ` +
        `${c.apiCallsPerRoute} | ${c.cliPeakMiB} / ${c.programPeakMiB} / ${c.providerPeakMiB} | ${run.preview.seconds} | ` +
        `${run.failover.seconds} | ${run.failover.writes} | ${run.failover.ratio}x | ${correct ? "yes" : "NO"} |`,
    );
  }
  const f = r.floor;
  lines.push(
    "",
    `The engine's start (its first no-op create): ${r.engineStartSeconds} s. The engine's floor for ${f.resources} ` +
      `no-op dynamic resources, the same command: ${f.seconds} s, ${f.stateBytesPerResource} state bytes a resource, ` +
      `CLI / program ${f.cliPeakMiB} / ${f.programPeakMiB} MiB.`,
  );
  return lines;
}

/** The figures with the run's versions and machine. */
export function tableScaleMarkdown(results: { meta: BenchMeta; result: TableScaleResult }): string {
  const m = results.meta;
  const r = results.result;
  const lines = [
    "# Route tables at scale",
    "",
    `${runLine(m)} ${r.configDelayMs} ms a write, rate ` + "limits off, file backend, checkpoints on.",
    "",
    ...tableScaleTable(r),
  ];
  return `${lines.join("\n")}\n`;
}
