/** The bench's scenarios at a tiny scale through the real engine (needs the Pulumi CLI and `npm run build`). */
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "../../tests/e2e/engine-suite";
import { describeWithYamlHost } from "../../tests/e2e/yaml-suite";
import { locateCli, prepareEngineRuns } from "../engine/project";
import { runConverge } from "../scenarios/converge";
import { runLargeStack } from "../scenarios/largeStack";
import { runRateLimited } from "../scenarios/rateLimited";
import { runFloor, runScale } from "../scenarios/scale";
import { runSharedGateway } from "../scenarios/sharedGateway";
import { runTableScale } from "../scenarios/tableScale";
import { runRemoteState } from "../scenarios/remoteState";
import { runPluginScale } from "../scenarios/pluginScale";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

describeWithPulumi("bench scenarios through the real engine", () => {
  beforeAll(() => {
    locateCli();
    prepareEngineRuns();
  });

  it("converge: creates every route once and counts what the emulator saw", async () => {
    const r = await runConverge({
      routes: 6,
      gateways: 2,
      configDelayMs: 20,
      parallel: 6,
      faults: { throttlePct: 20, seed: 2 },
    });
    expect(r).toMatchObject({ result: "succeeded", created: 6, failed: 0, duplicates: 0, missing: 0 });
    expect(r.limitSeconds).toBeCloseTo(0.06);
    expect(r.timeline.appliedWrites).toBe(6);
    expect(r.callsByAction.CreateVpnRouteEntry).toBeGreaterThanOrEqual(6);
    expect(r.apiCalls).toBe(Object.values(r.callsByAction).reduce((a, b) => a + b, 0));
    expect(r.engineStartSeconds).toBeGreaterThan(0);
    expect(r.seconds).toBeGreaterThan(r.engineStartSeconds + r.timeline.apiSeconds - 0.01);
  });

  it("converge's floor: the engine alone, to its first no-op create and to the end", async () => {
    const r = await runFloor(5, { stampCreates: true });
    expect(r.engineStartSeconds).toBeGreaterThan(0.5);
    expect(r.engineStartSeconds).toBeLessThan(r.seconds);
    expect(r.programPeakMiB).toBeGreaterThan(20);
  });

  it("sharedGateway: two stacks at once on one gateway create, fail over and destroy, nothing lost or duplicated", async () => {
    const r = await runSharedGateway({ stacks: 2, pairsPerStack: 3, configDelayMs: 50 });
    expect(r.routes).toBe(12);
    expect(r.phases.map((p) => p.phase)).toEqual(["create", "failover", "destroy"]);
    for (const p of r.phases) {
      expect(p).toMatchObject({ succeeded: true, duplicates: 0, missing: 0, wrongActive: 0 });
      expect(p.boundSeconds).toBeCloseTo((p.writes * 50) / 1000, 5);
      // The gateway's wall time, put down part by part, adds up to the phase (each part rounded to 10 ms).
      const parts = Object.values(p.wallTime).reduce((sum, s) => sum + s, 0);
      expect(Math.abs(parts - p.seconds)).toBeLessThan(0.1);
      expect(p.wallTime.applyingSeconds).toBeCloseTo((p.writes * 50) / 1000, 5);
    }
    // Every route was created once, and deleted once: the bound is those writes back to back.
    expect(r.phases[0]).toMatchObject({ writes: 12, boundSeconds: 0.6, binding: "12 writes of 50 ms" });
    expect(r.phases[2]).toMatchObject({ writes: 12, boundSeconds: 0.6 });
  });

  it("rateLimited: at Alibaba's documented rate limits, the provider queues past the 60-create bucket and is never throttled", async () => {
    // The emulator and the provider at the documented figures (no raise): 66 creates in one region.
    const r = await runRateLimited({ routes: 66, gateways: 4, configDelayMs: 50 });
    expect(r).toMatchObject({ result: "succeeded", created: 66, failed: 0, throttled: 0 });
    expect(r.callsByAction.CreateVpnRouteEntry).toBe(66);
    expect(r.rateBoundSeconds).toBeCloseTo(6, 5);
    expect(r.binding).toBe("rate limit of CreateVpnRouteEntry (66 calls, 60 per 60 s)");
    // The budget made the run wait for the tokens it lacked; the bound is a true lower bound.
    expect(r.seconds).toBeGreaterThan(r.boundSeconds);
  });

  it("large stack: refresh listings come in whole listings of 50-entry pages; state and preview measured", async () => {
    const r = await runLargeStack({ routes: 60, configDelayMs: 1 });
    expect(r.setup).toMatchObject({ created: 60, result: "succeeded" });
    expect(r.refresh).toMatchObject({ routes: 60, limitCalls: 2, targetCalls: 6, failed: 0 });
    expect(r.refresh.describeCalls).toBeGreaterThanOrEqual(2);
    expect(r.refresh.describeCalls % 2).toBe(0);
    expect(r.refresh.callsByAction).toEqual({ DescribeVpnRouteEntries: r.refresh.describeCalls });
    expect(r.preview).toMatchObject({ resources: 60, apiCalls: 0, changeSummary: { same: 62 } });
    expect(r.preview.floorSeconds).toBeGreaterThan(0);
    expect(r.preview.floorRatio).toBeCloseTo(r.preview.seconds / r.preview.floorSeconds!, 1);
    // The package is installed under node_modules: `__provider` is its one require line (about 100 bytes).
    expect(r.state.providerBytesPerResource).toBeGreaterThan(50);
    expect(r.state.providerBytesPerResource).toBeLessThanOrEqual(128);
    expect(r.state.stateFileBytes).toBeGreaterThan(60 * r.state.providerBytesPerResource);
    expect(r.state.stateBytesPer1000Routes).toBe(Math.round((r.state.stateFileBytes * 1000) / 60));
  });

  it("scale: each point runs the routes and the floor, and records time, state, requests and memory per route", async () => {
    const r = await runScale({ routes: 20, gateways: 4, configDelayMs: 20, points: [8] });
    expect(r.curve.map((p) => p.routes)).toEqual([8, 20]);
    expect(r).toMatchObject({ routes: 20, gateways: 4, limitSeconds: 0.1 });
    for (const p of r.curve) {
      expect(p.floorSeconds).toBeGreaterThan(0);
      expect(p.floorRatio).toBeCloseTo(p.seconds / p.floorSeconds, 1);
      // A create, a gateway look or two, and a share of the one listing per gateway.
      expect(p.apiCallsPerRoute).toBeGreaterThanOrEqual(2);
      expect(p.apiCallsPerRoute).toBeLessThanOrEqual(4);
      expect(p.stateBytesPerRoute).toBeGreaterThan(1000);
      expect(p.programPeakMiB).toBeGreaterThan(20);
      expect(p.providerPeakMiB).toBeGreaterThan(20);
      expect(p.floorProgramPeakMiB).toBeGreaterThan(20);
    }
  });

  it("tableScale: tables and per-route resources create, preview unchanged without a request, and fail over with the same writes", async () => {
    const r = await runTableScale({
      routes: 12,
      gateways: 2,
      pairs: 2,
      configDelayMs: 20,
      perRouteRoutes: 6,
    });
    expect(r.runs.map((run) => [run.layout, run.routes, run.gateways, run.pairs, run.parallel])).toEqual([
      ["tables", 12, 2, 2, 2],
      ["tables", 6, 1, 1, 1],
      ["components", 6, 1, 1, undefined],
    ]);
    expect(r.engineStartSeconds).toBeGreaterThan(0);
    for (const run of r.runs) {
      expect(run.create).toMatchObject({ duplicates: 0, missing: 0 });
      expect(run.create.boundSeconds).toBeCloseTo(run.create.limitSeconds + r.engineStartSeconds, 5);
      expect(run.create.cliPeakMiB).toBeGreaterThan(20);
      expect(run.preview).toMatchObject({ unchanged: true, apiCalls: 0 });
      expect(run.failover.wrongActive).toBe(0);
    }
    // One pair failed over either way: a table writes what the per-route resources write, nothing more.
    const [, table, perRoute] = r.runs;
    expect(table.failover.writes).toBe(perRoute.failover.writes);
    expect(table.failover.writes).toBeGreaterThanOrEqual(2);
    expect(table.create.stateBytesPerRoute).toBeLessThan(perRoute.create.stateBytesPerRoute);
    expect(r.floor.resources).toBe(6);
  });

  it("remoteState: counts what the CLI uploads to the S3 server, by variant", async () => {
    const r = await runRemoteState({ routeCounts: [8], routesPerGateway: 4, configDelayMs: 20 });
    const uploaded = Object.fromEntries(r.runs.map((run) => [run.variant, run.uploadedBytes]));
    expect(Object.keys(uploaded)).toEqual([
      "file",
      "s3",
      "s3, two stacks",
      "s3, tables",
      "s3, checkpoints skipped",
    ]);
    expect(uploaded.file).toBe(0);
    // A checkpoint a step or two: eight routes upload the state many times over; one table a gateway, or one
    // upload at the end, far fewer bytes.
    expect(uploaded.s3).toBeGreaterThan(8 * 8 * 1000);
    expect(uploaded["s3, tables"]).toBeLessThan(uploaded.s3 / 2);
    expect(uploaded["s3, checkpoints skipped"]).toBeLessThan(uploaded.s3 / 2);
    expect(uploaded["s3, two stacks"]).toBeGreaterThan(0);
  });
});

describeWithYamlHost("the bench's plugin scenario through the real engine", () => {
  beforeAll(() => {
    locateCli();
    prepareEngineRuns();
  });

  it("pluginScale: the same routes from TypeScript and from YAML through the plugin, each created, unchanged and failed over alike", async () => {
    const r = await runPluginScale({ routes: 12, gateways: 2, pairs: 2, configDelayMs: 20 });
    expect(r.yamlLanguageHost).toMatch(/^pulumi-language-yaml v\d+\.\d+\.\d+/);
    expect(r.runs.map((run) => run.way)).toEqual(["dynamic", "plugin"]);
    for (const run of r.runs) {
      expect(run.create).toMatchObject({ duplicates: 0, missing: 0, limitSeconds: 0.12 });
      expect(run.create.boundSeconds).toBeCloseTo(0.12 + r.engineStartSeconds, 5);
      // The provider's process is found either way: the dynamic provider host, or node running the plugin.
      expect(run.create.providerPeakMiB).toBeGreaterThan(20);
      expect(run.create.programPeakMiB).toBeGreaterThan(5);
      expect(run.preview).toMatchObject({ unchanged: true, apiCalls: 0 });
      expect(run.failover.wrongActive).toBe(0);
    }
    const [dynamic, plugin] = r.runs;
    // One lifecycle underneath: the same writes for the same failover.
    expect(plugin.failover.writes).toBe(dynamic.failover.writes);
    expect(plugin.failover.writes).toBeGreaterThanOrEqual(2);
    // A plugin's route keeps no `__provider` and no frame of this package (the YAML program has none to record).
    expect(plugin.create.stateBytesPerRoute).toBeLessThan(dynamic.create.stateBytesPerRoute);
    expect(r.ratios.up).toBeCloseTo(plugin.create.seconds / dynamic.create.seconds, 1);
    expect(r.target).toEqual({ upRatio: 1.1, holds: r.ratios.up <= 1.1 });
  });
});
