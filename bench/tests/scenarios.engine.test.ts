/** The bench's scenarios at a tiny scale through the real engine (needs the Pulumi CLI and `npm run build`). */
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "../../tests/e2e/engine-suite";
import { locateCli, prepareEngineRuns } from "../engine/project";
import { runConverge } from "../scenarios/converge";
import { runLargeStack } from "../scenarios/largeStack";

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

  it("large stack: refresh listings come in whole listings of 50-entry pages; state and preview measured", async () => {
    const r = await runLargeStack({ routes: 60, configDelayMs: 1 });
    expect(r.setup).toMatchObject({ created: 60, result: "succeeded" });
    expect(r.refresh).toMatchObject({ routes: 60, limitCalls: 2, targetCalls: 6, failed: 0 });
    expect(r.refresh.describeCalls).toBeGreaterThanOrEqual(2);
    expect(r.refresh.describeCalls % 2).toBe(0);
    expect(r.refresh.callsByAction).toEqual({ DescribeVpnRouteEntries: r.refresh.describeCalls });
    expect(r.preview).toMatchObject({ resources: 60, apiCalls: 0, changeSummary: { same: 62 } });
    expect(r.state.providerBytesPerResource).toBeGreaterThan(100);
    expect(r.state.stateFileBytes).toBeGreaterThan(60 * r.state.providerBytesPerResource);
    expect(r.state.stateBytesPer1000Routes).toBe(Math.round((r.state.stateFileBytes * 1000) / 60));
  });
});
