/**
 * One stack of many routes on one gateway, created once (tiny configDelayMs) and then measured three ways:
 * `pulumi refresh` (listing calls the emulator counts), the stored state (`pulumi stack export` and the state
 * file), and `pulumi preview` of the unchanged program.
 */
import { providerEnv, startBenchEmulator, totalCalls } from "../emulators";
import { failedRouteUrns, routeOps, timed } from "../engine/outcome";
import { programFiles } from "../engine/program";
import { floorProgramFiles } from "../engine/floorProgram";
import { createBenchProject, stateFileBytes } from "../engine/project";
import { benchGateways, listingPages } from "../topology";
import { measureState, type StateResult } from "./state";

/** Extra listing calls allowed over one full listing (a read that starts after the shared one finished). */
export const REFRESH_CALL_ALLOWANCE = 4;
const LISTING_ACTION = "DescribeVpnRouteEntries";
const SKIP_CHECKPOINTS_ENV = "PULUMI_SKIP_CHECKPOINTS";
const SKIP_PREVIEW = "--skip-preview";

export interface LargeStackSetup {
  routes: number;
  /** Emulator delay while the stack is created (not measured). */
  configDelayMs: number;
  /** `--parallel` for the setup `pulumi up` (not measured). @default the CLI's default */
  setupParallel?: number;
}

export interface RefreshResult {
  /** `pulumi refresh --yes --skip-preview`: one Read per route, in one provider process. */
  command: string;
  routes: number;
  describeCalls: number;
  /** One full listing: ceil(routes / 50) pages. */
  limitCalls: number;
  /** limitCalls + REFRESH_CALL_ALLOWANCE. */
  targetCalls: number;
  seconds: number;
  apiCalls: number;
  callsByAction: Record<string, number>;
  refreshed: number;
  failed: number;
  /**
   * Plain `pulumi refresh --yes`: the engine first previews the refresh (a Read per route in one provider
   * process), then refreshes (every Read again, in a second provider process).
   */
  withPreview: { command: string; describeCalls: number; seconds: number };
}

export interface PreviewResult {
  resources: number;
  seconds: number;
  /** API calls the preview made (a preview of unchanged routes needs none). */
  apiCalls: number;
  /** The engine's plan (all resources: routes, components and the stack), e.g. { same: 1002 }. */
  changeSummary: Record<string, number>;
  /**
   * `pulumi preview` of as many unchanged no-op dynamic resources (the engine's floor), in the same run.
   * Absent from result files written before it was measured.
   */
  floorSeconds?: number;
  /** seconds / floorSeconds. */
  floorRatio?: number;
}

export interface LargeStackResult {
  setup: {
    routes: number;
    configDelayMs: number;
    seconds: number;
    created: number;
    result: string;
    /** Requests of the create, all routes on one gateway (through the engine, `--parallel` setupParallel). */
    apiCallsPerRoute: number;
  };
  refresh: RefreshResult;
  state: StateResult;
  preview: PreviewResult;
}

export async function runLargeStack(setup: LargeStackSetup): Promise<LargeStackResult> {
  const gateways = benchGateways(setup.routes, 1);
  const emulator = await startBenchEmulator({ gateways, configDelayMs: setup.configDelayMs });
  const project = await createBenchProject({
    name: `large-${setup.routes}`,
    files: programFiles(gateways),
    env: providerEnv(emulator),
  }).catch(async (err: unknown) => {
    await emulator.stop();
    throw err;
  });
  try {
    const args = setup.setupParallel ? ["--parallel", String(setup.setupParallel)] : [];
    // Setup only, not measured: without a checkpoint after every step, creating N routes is not O(N^2) in
    // state writes (the file backend rewrites the whole state each time).
    project.env[SKIP_CHECKPOINTS_ENV] = "true";
    emulator.clearLog();
    const created = await timed(() => project.up({ skipPreview: true, args }));
    const createCalls = totalCalls(emulator.counts());
    delete project.env[SKIP_CHECKPOINTS_ENV];
    if (!created.report || created.report.result !== "succeeded") {
      throw new Error(
        `creating ${setup.routes} routes failed: ${created.error?.message ?? created.report?.result}`,
      );
    }

    emulator.clearLog();
    const refreshed = await timed(() => project.refresh([SKIP_PREVIEW]));
    const refreshCounts = emulator.counts();
    emulator.clearLog();
    const refreshedWithPreview = await timed(() => project.refresh());
    const withPreviewCounts = emulator.counts();
    const limitCalls = listingPages(setup.routes);
    const refresh: RefreshResult = {
      command: `pulumi refresh --yes ${SKIP_PREVIEW}`,
      routes: setup.routes,
      describeCalls: refreshCounts[LISTING_ACTION] ?? 0,
      limitCalls,
      targetCalls: limitCalls + REFRESH_CALL_ALLOWANCE,
      seconds: refreshed.seconds,
      apiCalls: totalCalls(refreshCounts),
      callsByAction: refreshCounts,
      refreshed: refreshed.report ? Object.values(routeOps(refreshed.report)).reduce((a, b) => a + b, 0) : 0,
      failed: failedRouteUrns(refreshed.report).length + failedRouteUrns(refreshedWithPreview.report).length,
      withPreview: {
        command: "pulumi refresh --yes",
        describeCalls: withPreviewCounts[LISTING_ACTION] ?? 0,
        seconds: refreshedWithPreview.seconds,
      },
    };

    const state = await measureState(project, setup.routes, stateFileBytes(project));

    emulator.clearLog();
    const started = process.hrtime.bigint();
    const planned = await project.preview();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const apiCalls = totalCalls(emulator.counts());
    const floorSeconds = await floorPreviewSeconds(setup.routes);
    const preview: PreviewResult = {
      resources: setup.routes,
      seconds,
      apiCalls,
      changeSummary: planned.changeSummary,
      floorSeconds: Math.round(floorSeconds * 100) / 100,
      floorRatio: Math.round((seconds / floorSeconds) * 100) / 100,
    };

    return {
      setup: {
        routes: setup.routes,
        configDelayMs: setup.configDelayMs,
        seconds: created.seconds,
        created: routeOps(created.report).create ?? 0,
        result: created.report.result ?? "",
        apiCallsPerRoute: Math.round((createCalls / setup.routes) * 100) / 100,
      },
      refresh,
      state,
      preview,
    };
  } finally {
    await project.dispose();
    await emulator.stop();
  }
}

/** `pulumi preview` of N unchanged no-op dynamic resources: the engine's own cost of previewing N resources. */
async function floorPreviewSeconds(resources: number): Promise<number> {
  const project = await createBenchProject({
    name: `floor-preview-${resources}`,
    files: floorProgramFiles(resources),
  });
  try {
    project.env[SKIP_CHECKPOINTS_ENV] = "true";
    await project.up({ skipPreview: true });
    delete project.env[SKIP_CHECKPOINTS_ENV];
    const started = process.hrtime.bigint();
    await project.preview();
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await project.dispose();
  }
}
