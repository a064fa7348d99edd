/**
 * `npm run bench [-- --quick]`: every scenario against emulators on 127.0.0.1, then the summary table on
 * stdout, bench/results/{latest,quick}.json and .md, and the converge chart (SVG, and PNG when a converter
 * is installed), and the figures of docs/benchmarks.md. Progress goes to stderr. `--redraw` rewrites the charts and
 * the Markdown (latest.md, docs/benchmarks.md's figures) from the stored JSON.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { finishMeta, startMeta, type BenchMeta } from "./meta";
import { locateCli, prepareEngineRuns } from "./engine/project";
import { REPO_ROOT, RESULTS_DIR } from "./paths";
import { convergeChartSvg, scaleChartSvg } from "./report/chart";
import { BENCH_DOC, writeBenchDoc } from "./report/benchDoc";
import { writeFlagSection, type FlagResults } from "./report/flagSections";
import { markdownReport, SCALE_CHART_SVG } from "./report/markdown";
import { svgToPng } from "./report/png";
import { consoleTable, summaryRows } from "./report/rows";
import {
  convergeSection,
  evaluateTargets,
  faultsSection,
  RATE_LIMITED_RATIO_TARGET,
  scaleSection,
  withPointsMeasuredAlone,
  type BenchResults,
} from "./results";
import { FULL_SCALE, QUICK_SCALE, type BenchScale } from "./scales";
import { runBaseline, type BaselineRun } from "./scenarios/baseline";
import { runConverge, type ConvergeResult } from "./scenarios/converge";
import { runLargeStack } from "./scenarios/largeStack";
import { runRateLimited } from "./scenarios/rateLimited";
import { runFloor, runScale, runScalePoint } from "./scenarios/scale";
import { runSharedAccount, sharedAccountMarkdown } from "./scenarios/sharedAccount";
import { runSharedGateway, sharedGatewayMarkdown } from "./scenarios/sharedGateway";
import { runTableScale, tableScaleMarkdown } from "./scenarios/tableScale";
import { remoteStateMarkdown, runRemoteState } from "./scenarios/remoteState";
import { pluginScaleMarkdown, runPluginScale } from "./scenarios/pluginScale";
import type { PulumiCli } from "../tests/e2e/pulumi-cli";

const started = Date.now();
const log = (message: string) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

/** What ran the programs: the language host with its version (it may be older than the CLI), or the client host. */
function languageRuntimeOf(cli: PulumiCli): string {
  if (!cli.languageHost) return "client host (--client)";
  const version = spawnSync(cli.languageHost, ["-version"], { encoding: "utf8" }).stdout?.trim();
  return `pulumi-language-nodejs ${version || "(version unknown)"}`;
}

/** The CLI's `--parallel` default, as `pulumi up --help` states it (4 x CPUs in 3.248). */
export function cliDefaultParallel(cli: PulumiCli): number {
  const help =
    spawnSync(path.join(cli.binDir, "pulumi"), ["up", "--help"], { encoding: "utf8" }).stdout ?? "";
  const match = /--parallel int32 .*\(default (\d+)\)/.exec(help);
  if (!match) throw new Error("cannot read the default of pulumi up --parallel from its --help");
  return Number(match[1]);
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const alone = process.argv.indexOf("--scale-point");
  if (alone >= 0) return measureScalePointAlone(Number(process.argv[alone + 1]));
  if (process.argv.includes("--shared-gateway")) return measureSharedGateway();
  if (process.argv.includes("--shared-account")) return measureSharedAccount();
  if (process.argv.includes("--table-scale")) return measureTableScale();
  if (process.argv.includes("--remote-state")) return measureRemoteState();
  if (process.argv.includes("--plugin-scale")) return measurePluginScale();
  if (process.argv.includes("--redraw")) {
    // The chart and the Markdown again from the stored figures, without running anything.
    const stored = storedResults(quick);
    if (!stored) throw new Error(`no ${resultsFile(quick)} to redraw: run the bench first`);
    writeOutputs(stored, quick);
    return;
  }
  const scale: BenchScale = quick ? QUICK_SCALE : FULL_SCALE;
  const cli = locateCli();
  prepareEngineRuns();
  const meta = startMeta(scale.name, cli.version, languageRuntimeOf(cli));
  const defaultParallel = cliDefaultParallel(cli);
  const c = scale.converge;
  log(`${scale.name} bench, Pulumi ${cli.version}, default --parallel ${defaultParallel}`);

  // The baseline mostly sleeps (its fixed waits); it runs beside the engine runs, on its own emulators, at
  // every route count the engine runs at.
  const baselineRouteCounts = [...new Set([...c.points, c.routes])].sort((a, b) => a - b);
  const baselines: Promise<BaselineRun[]> = (async () => {
    const runs: BaselineRun[] = [];
    for (const routes of baselineRouteCounts) {
      runs.push(await runBaseline({ routes, gateways: c.gateways, configDelayMs: c.configDelayMs }));
      log(`baseline ${routes} routes: ${runs[runs.length - 1].seconds.toFixed(1)} s`);
    }
    return runs;
  })();

  const converge = (routes: number, parallel?: number) =>
    runConverge({ routes, gateways: c.gateways, configDelayMs: c.configDelayMs, parallel });
  const headlineRun = async () => {
    const run = await converge(c.routes);
    log(`converge ${c.routes} routes, default parallelism: ${run.seconds.toFixed(1)} s (${run.result})`);
    return run;
  };
  const f = scale.faults;
  const faultsRun = async () => {
    const run = await runConverge({
      routes: f.routes,
      gateways: f.gateways,
      configDelayMs: f.configDelayMs,
      parallel: f.routes,
      faults: f.faults,
    });
    log(
      `faults ${f.routes} routes: ${run.seconds.toFixed(1)} s, ${run.duplicates}/${run.missing}/${run.failed}`,
    );
    return run;
  };
  const rl = scale.rateLimited;
  const rateLimitedRun = async () => {
    const run = await runRateLimited(rl);
    log(
      `rateLimited ${rl.routes} routes: ${run.seconds.toFixed(1)} s, bound ${run.boundSeconds} s (${run.binding}), ${run.throttled} throttled`,
    );
    return run;
  };
  // The engine alone at the headline's count: the same command for no-op dynamic resources, creates stamped.
  // Only the full bench, which holds the converge time: --quick would run it beside the others, and so slower.
  const floorRun = async () => {
    const run = await runFloor(c.routes, { stampCreates: true });
    log(
      `converge floor: ${c.routes} no-op resources ${run.seconds.toFixed(1)} s, first create at ${run.engineStartSeconds?.toFixed(2)} s`,
    );
    return run;
  };
  // These wait on the emulated gateways more than they compute. --quick holds none of their times (only their
  // counts: duplicates, throttled calls), so it runs them side by side; the full bench one after the other.
  const [headline, faults, rateLimited, convergeFloor] = quick
    ? [...(await Promise.all([headlineRun(), faultsRun(), rateLimitedRun()])), undefined]
    : [await headlineRun(), await faultsRun(), await rateLimitedRun(), await floorRun()];
  const tuned: ConvergeResult[] = [];
  for (const routes of c.points) {
    tuned.push(await converge(routes, routes));
    log(`converge ${routes} routes, --parallel ${routes}: ${tuned[tuned.length - 1].seconds.toFixed(1)} s`);
  }

  const large = await runLargeStack({
    routes: scale.refresh.routes,
    configDelayMs: scale.refresh.setupConfigDelayMs,
    setupParallel: scale.refresh.setupParallel,
  });
  log(
    `large stack ${scale.refresh.routes} routes: refresh ${large.refresh.describeCalls} listing calls, preview ${large.preview.seconds.toFixed(1)} s`,
  );

  const scaleRun = await runScale(scale.scale, log);

  const baselineRuns = await baselines;
  const partial: Omit<BenchResults, "targets"> = {
    meta: finishMeta(meta, started),
    converge: convergeSection(headline, tuned, baselineRuns, defaultParallel, convergeFloor),
    refresh: large.refresh,
    state: large.state,
    faults: faultsSection(faults),
    preview: { ...large.preview, setupSeconds: Math.round(large.setup.seconds * 10) / 10 },
    rateLimited: { ...rateLimited, target: RATE_LIMITED_RATIO_TARGET },
    scale: scaleSection(
      {
        ...scaleRun,
        curve: quick
          ? scaleRun.curve
          : withPointsMeasuredAlone(scaleRun.curve, storedResults(false)?.scale?.curve),
      },
      { routes: large.setup.routes, apiCallsPerRoute: large.setup.apiCallsPerRoute },
    ),
  };
  const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
  writeOutputs(results, quick);
  process.stdout.write(consoleTable(summaryRows(results)) + "\n");
}

/**
 * `npm run bench -- --scale-point N`: one point of the scale curve (N routes and the floor's N resources), on
 * its own, written into bench/results/latest.json's curve with when and at which commit it was measured.
 * For the 2,000-route point: with checkpoints on, that pair alone takes 7 to 8 minutes on 2 CPUs, which the
 * full bench's 12 minutes cannot hold beside its other scenarios.
 */
async function measureScalePointAlone(routes: number): Promise<void> {
  if (!Number.isInteger(routes) || routes < 1)
    throw new Error("--scale-point takes a route count, e.g. 2000");
  const results = storedResults(false);
  if (!results?.scale)
    throw new Error(`${resultsFile(false)} has no scale section: run the full bench first`);
  locateCli();
  prepareEngineRuns();
  const meta = startMeta("full", "", "");
  const { gateways, configDelayMs } = FULL_SCALE.scale;
  const point = await runScalePoint(routes, gateways, configDelayMs);
  const measuredAlone = {
    startedAt: meta.startedAt,
    gitCommit: meta.gitCommit,
    loadAverageStart: meta.loadAverageStart,
    loadAverageEnd: finishMeta(meta, Date.now()).loadAverageEnd!,
  };
  log(
    `scale ${routes} routes alone: ${point.seconds} s, floor ${point.floorSeconds} s (${point.floorRatio}x)`,
  );
  const curve = [...results.scale.curve.filter((p) => p.routes !== routes), { ...point, measuredAlone }];
  results.scale.curve = curve.sort((a, b) => a.routes - b.routes);
  const { targets: _held, ...measured } = results;
  writeOutputs({ ...measured, targets: evaluateTargets(measured) }, false);
}

/**
 * `npm run bench -- --shared-gateway [S...]`: 2 and then 4 stacks (or the counts given) at once on one hub gateway, 80 routes in all (40 and 20
 * a stack, as active/standby pairs), 300 ms a write, the emulator at Alibaba's documented rate limits: create,
 * failover, destroy. Writes bench/results/shared-gateway.{json,md}.
 */
async function measureSharedGateway(): Promise<void> {
  const { meta, started, counts } = startFlagRun("--shared-gateway");
  const runs = [];
  for (const stacks of counts.length ? counts : [2, 4]) {
    const run = await runSharedGateway({ stacks, pairsPerStack: 40 / stacks, configDelayMs: 300 }, log);
    for (const p of run.phases) log(`${stacks} stacks, ${p.phase}: bound ${p.boundSeconds} s, ${p.ratio}x`);
    runs.push(run);
  }
  writeFlagResults("shared-gateway", { meta: finishMeta(meta, started), runs }, sharedGatewayMarkdown);
}

/**
 * `npm run bench -- --table-scale [routes gateways perRouteRoutes]`: 5,000 routes over 50 gateways (100 of their
 * destinations as active/standby pairs) as VpnGatewayRouteTables, beside 2,000 of the same shape as tables, as
 * VpnGatewayRoutes and as the engine's floor; 200 ms a write, rate limits off. Writes
 * bench/results/table-scale.{json,md}.
 */
async function measureTableScale(): Promise<void> {
  const { meta, started, counts } = startFlagRun("--table-scale");
  const [routes = 5000, gateways = 50, perRouteRoutes = 2000] = counts;
  const result = await runTableScale(
    { routes, gateways, pairs: gateways * 2, configDelayMs: 200, perRouteRoutes },
    log,
  );
  writeFlagResults("table-scale", { meta: finishMeta(meta, started), result }, tableScaleMarkdown);
}

/**
 * `npm run bench -- --remote-state [routes...]`: 1,000 and 2,000 routes (or the counts given) with the state in
 * versitygw beside the file backend, then split into two stacks, as tables, with checkpoints skipped. Writes
 * bench/results/remote-state.{json,md}.
 */
async function measureRemoteState(): Promise<void> {
  const { meta, started, counts } = startFlagRun("--remote-state");
  const result = await runRemoteState(
    { routeCounts: counts.length ? counts : [1000, 2000], routesPerGateway: 100, configDelayMs: 200 },
    log,
  );
  writeFlagResults("remote-state", { meta: finishMeta(meta, started), result }, remoteStateMarkdown);
}

/**
 * `npm run bench -- --plugin-scale [routes gateways]`: the scale scenario's 1,000 routes over 10 gateways (20 of
 * their destinations as active/standby pairs), 200 ms a write, rate limits off, through the dynamic resources from
 * TypeScript and through the provider plugin from YAML, in one run: up, preview unchanged, failover. Writes
 * bench/results/plugin-scale.{json,md}.
 */
async function measurePluginScale(): Promise<void> {
  const { meta, started, counts } = startFlagRun("--plugin-scale");
  const [routes = FULL_SCALE.scale.routes, gateways = FULL_SCALE.scale.gateways] = counts;
  const result = await runPluginScale(
    { routes, gateways, pairs: gateways * 2, configDelayMs: FULL_SCALE.scale.configDelayMs },
    log,
  );
  log(
    `plugin scale: the plugin's up ${result.ratios.up}x the dynamic resources' (target ${result.target.upRatio}x)`,
  );
  writeFlagResults("plugin-scale", { meta: finishMeta(meta, started), result }, pluginScaleMarkdown);
}

/** A scenario run by its own flag: the CLI found, the package installed, the meta started, the counts after the flag. */
function startFlagRun(flag: string) {
  const cli = locateCli();
  prepareEngineRuns();
  const counts = process.argv
    .slice(process.argv.indexOf(flag) + 1)
    .map(Number)
    .filter((n) => n > 0);
  const meta = {
    ...startMeta("full", cli.version, languageRuntimeOf(cli)),
    // The counts too: a run at other sizes than the defaults says so.
    command: ["npm run bench --", flag, ...counts].join(" "),
  };
  return { meta, started: Date.now(), counts };
}

/** bench/results/<base>.json and .md of a scenario run by its own flag. */
function writeFlagResults<T extends { meta: BenchMeta }>(
  base: string,
  results: T,
  markdown: (results: T) => string,
): void {
  fs.writeFileSync(path.join(RESULTS_DIR, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, `${base}.md`), markdown(results));
  // Only the scenarios of FLAG_SECTIONS, whose results hold a `result`, have figures in a guide.
  const guide = writeFlagSection(REPO_ROOT, base, results as unknown as FlagResults);
  log(`wrote bench/results/${base}.json and ${base}.md${guide ? `, and the figures in ${guide}` : ""}`);
}

/**
 * `npm run bench -- --shared-account [S...]`: 4 stacks (or the counts given) of one account at once, 100 routes
 * each over 2 gateways of its own at 300 ms a write, the emulator at Alibaba's documented rate limits: the
 * account's 60 creates a minute bind. Writes bench/results/shared-account.{json,md}.
 */
async function measureSharedAccount(): Promise<void> {
  const { meta, started, counts } = startFlagRun("--shared-account");
  const runs = [];
  for (const stacks of counts.length ? counts : [4]) {
    const run = await runSharedAccount(
      { stacks, routesPerStack: 100, gatewaysPerStack: 2, configDelayMs: 300 },
      log,
    );
    log(
      `${stacks} stacks: bound ${run.boundSeconds} s, ${run.ratio}x, ${run.throttledPercent}% of writes throttled`,
    );
    runs.push(run);
  }
  writeFlagResults("shared-account", { meta: finishMeta(meta, started), runs }, sharedAccountMarkdown);
}

const resultsFile = (quick: boolean) => path.join(RESULTS_DIR, `${quick ? "quick" : "latest"}.json`);

/** bench/results/{latest,quick}.json as it stands; undefined before the first run. */
function storedResults(quick: boolean): BenchResults | undefined {
  const file = resultsFile(quick);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as BenchResults) : undefined;
}

function writeOutputs(results: BenchResults, quick: boolean): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const base = quick ? "quick" : "latest";
  const chartBase = quick ? "quick-converge" : "converge";
  const svgFile = path.join(RESULTS_DIR, `${chartBase}.svg`);
  const c = results.converge;
  fs.writeFileSync(
    svgFile,
    convergeChartSvg(
      c.points,
      "Converge time against route count",
      `${c.gateways} gateways, ${c.configDelayMs} ms per write; ${results.meta.nproc} CPUs; ${results.meta.startedAt.slice(0, 10)}`,
    ),
  );
  const png = svgToPng(svgFile, path.join(RESULTS_DIR, `${chartBase}.png`));
  log(
    png.written ? `chart: ${chartBase}.svg and .png (${png.note})` : `chart: ${chartBase}.svg; ${png.note}`,
  );
  const chart = png.written ? `${chartBase}.png` : `${chartBase}.svg`;
  const sc = results.scale;
  if (sc) {
    fs.writeFileSync(
      path.join(RESULTS_DIR, `${quick ? "quick-" : ""}${SCALE_CHART_SVG}`),
      scaleChartSvg(
        sc.curve,
        "pulumi up time against route count, beside the engine's floor",
        `${sc.gateways} gateways, ${sc.configDelayMs} ms per write, checkpoints on; ${results.meta.nproc} CPUs; ${results.meta.startedAt.slice(0, 10)}`,
        sc.gateways,
      ),
    );
  }
  fs.writeFileSync(resultsFile(quick), JSON.stringify(results, null, 2) + "\n");
  fs.writeFileSync(path.join(RESULTS_DIR, `${base}.md`), markdownReport(results, chart));
  log(`wrote bench/results/${base}.json and ${base}.md`);
  if (!quick) {
    writeBenchDoc(REPO_ROOT, results);
    log(`wrote the figures into ${BENCH_DOC}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
