import { convergeChartSvg, niceStep, spreadLabels, ticks } from "../report/chart";
import { docsBenchSection, markdownReport } from "../report/markdown";
import { consoleTable, summaryRows } from "../report/rows";
import { evaluateTargets, scaleSection, withPointsMeasuredAlone, type BenchResults } from "../results";
import type { ScalePoint } from "../scenarios/scale";
import { providerSizes, storedBytes } from "../scenarios/state";

const POINTS = [
  { routes: 25, limitSeconds: 7, pulumiSeconds: 14.2, baselineSeconds: 30.5 },
  { routes: 50, limitSeconds: 13, pulumiSeconds: 20.1, baselineSeconds: 52 },
  { routes: 100, limitSeconds: 25, pulumiSeconds: 33.4, pulumiDefaultSeconds: 88.3, baselineSeconds: 101.7 },
];

function scalePoint(routes: number, extra: Partial<ScalePoint> = {}): ScalePoint {
  return {
    routes,
    limitSeconds: routes / 50,
    seconds: routes / 20,
    floorSeconds: routes / 25,
    floorRatio: 1.25,
    ratio: 2.5,
    stateBytesPerRoute: 1664,
    floorStateBytesPerResource: 2045,
    apiCallsPerRoute: 2.4,
    programPeakMiB: 300,
    providerPeakMiB: 195,
    floorProgramPeakMiB: 300,
    floorProviderPeakMiB: 146,
    ...extra,
  };
}

function fixture(overrides: { ratio?: number; describeCalls?: number } = {}): BenchResults {
  const engine = {
    seconds: 88.3,
    ratio: overrides.ratio ?? 3.53,
    apiCalls: 493,
    callsByAction: {},
    engineStartSeconds: 6.1,
    apiSeconds: 77,
    engineTailSeconds: 0.2,
    busyRefusals: 0,
    created: 100,
    failed: 0,
    result: "succeeded",
  };
  const partial = {
    meta: {
      mode: "full" as const,
      command: "npm run bench",
      startedAt: "2026-01-01T00:00:00.000Z",
      gitCommit: "abc",
      gitDirty: false,
      nproc: 2,
      cpuModel: "cpu",
      memoryGiB: 24,
      loadAverageStart: 1,
      os: "Linux",
      node: "v20",
      pulumiCli: "v3.248.0",
      pulumiSdk: "3.248.0",
      languageRuntime: "client host",
      durationSeconds: 400,
    },
    converge: {
      routes: 100,
      gateways: 4,
      configDelayMs: 1000,
      command: "pulumi up",
      parallel: 8,
      limitSeconds: 25,
      target: 1.3,
      ...engine,
      floor: { seconds: 5.1, engineStartSeconds: 3.95 },
      baseline: undefined,
      tuned: { command: "pulumi up --parallel 100", parallel: 100, ...engine, seconds: 33.4, ratio: 1.34 },
      points: POINTS,
    },
    refresh: {
      command: "pulumi refresh --yes --skip-preview",
      withPreview: { command: "pulumi refresh --yes", describeCalls: 10040, seconds: 100 },
      routes: 1000,
      describeCalls: overrides.describeCalls ?? 5020,
      limitCalls: 20,
      targetCalls: 24,
      seconds: 56,
      apiCalls: 5020,
      callsByAction: {},
      refreshed: 1000,
      failed: 0,
    },
    state: {
      providerBytesPerResource: 2983,
      providerStoredBytesPerResource: 5966,
      providerTargetBytes: 4096,
      stateBytesPer1000Routes: 8_237_059,
      stateFileBytes: 8_237_059,
      routes: 1000,
    },
    faults: {
      routes: 200,
      gateways: 4,
      configDelayMs: 1000,
      throttlePct: 20,
      serverErrorPct: 5,
      lostResponsePct: 5,
      faultSeed: 3,
      command: "pulumi up --parallel 200",
      duplicates: 0,
      missing: 0,
      limitSeconds: 50,
      target: 1.6,
      ...engine,
      seconds: 90,
      ratio: 1.5,
    },
    preview: { resources: 1000, seconds: 41.5, apiCalls: 0, changeSummary: { same: 1002 }, setupSeconds: 59 },
  };
  return { ...partial, targets: evaluateTargets(partial) };
}

describe("bench report", () => {
  it("picks round tick steps that cover the largest value", () => {
    expect(niceStep(100)).toBe(20);
    expect(niceStep(7)).toBe(2);
    expect(ticks(101.7)).toEqual([0, 50, 100, 150]);
    expect(ticks(12)).toEqual([0, 5, 10, 15]);
    expect(ticks(0)).toEqual([0, 1]);
  });

  it("draws every point of every series, and the limit from the origin", () => {
    const svg = convergeChartSvg(POINTS, "t", "s");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/NaN|undefined/);
    // 3 limit + 3 pulumi + 1 default + 3 baseline points, and 4 legend markers.
    expect(svg.match(/<circle /g)).toHaveLength(14);
    expect(svg).toContain("101.7 s");
    expect(svg).toContain("88.3 s");
    expect(svg.match(/<path /g)).toHaveLength(3);
  });

  it("pushes apart labels that would overlap at one x, and leaves others alone", () => {
    const l = (px: number, py: number) => ({ px, py, text: "t", color: "c" });
    const out = spreadLabels([l(100, 50), l(100, 52), l(200, 52), l(100, 200)]);
    const at = (px: number) => out.filter((o) => o.px === px).map((o) => o.ty);
    expect(at(100)).toEqual([44, 56, 194]);
    expect(at(200)).toEqual([46]);
  });

  it("marks missed targets and met ones", () => {
    const results = fixture();
    const byName = Object.fromEntries(results.targets.map((t) => [t.name, t.met]));
    expect(byName["converge ratio (plain pulumi up)"]).toBe(false);
    expect(byName["converge ratio (--parallel)"]).toBe(false);
    expect(byName["refresh DescribeVpnRouteEntries calls"]).toBe(false);
    expect(byName["__provider bytes per resource"]).toBe(true);
    expect(byName["faults ratio"]).toBe(true);
    const good = fixture({ ratio: 1.2, describeCalls: 21 });
    expect(good.targets.find((t) => t.name.startsWith("refresh"))?.met).toBe(true);

    const rows = summaryRows(results);
    expect(rows[0]).toMatchObject({ measured: "88.3 s = 3.53x", verdict: "MISSED" });
    // The engine's own start for as many no-op resources, beside the limit, so the ratio can be read.
    expect(rows[0].limit).toBe("25.0 s; target <= 1.30x (the engine alone: first create at 4.0 s)");
    expect(rows.find((r) => r.scenario.startsWith("refresh"))).toMatchObject({
      measured: "5020 calls (56.0 s)",
      limit: "20; target <= 24",
    });
    expect(consoleTable(rows).split("\n")).toHaveLength(rows.length + 1);
  });

  it("--quick reports the time ratios without holding them, and holds the rest", () => {
    const full = fixture();
    const quickPartial = { ...full, meta: { ...full.meta, mode: "quick" as const } };
    const quick = { ...quickPartial, targets: evaluateTargets(quickPartial) };
    const names = quick.targets.map((t) => t.name);
    expect(names).not.toContain("converge ratio (plain pulumi up)");
    expect(names).not.toContain("faults ratio");
    expect(names).toContain("faults: duplicates");
    expect(names).toContain("refresh DescribeVpnRouteEntries calls");
    // The converge row: 3.53x its limit, MISSED in a full run, reported in a quick one.
    expect(summaryRows(full)[0].verdict).toBe("MISSED");
    expect(summaryRows(quick)[0]).toMatchObject({
      verdict: "met",
      limit: expect.stringContaining("reported"),
    });
  });

  it("holds program memory at every point of the scale curve, and the requests a route on one gateway", () => {
    const point = (routes: number, programPeakMiB: number, floorProgramPeakMiB: number) =>
      scalePoint(routes, { programPeakMiB, floorProgramPeakMiB });
    const curve = [point(1000, 378, 333), point(2000, 624, 443.5)];
    const head = curve[0];
    const scale = scaleSection(
      { ...head, gateways: 10, configDelayMs: 200, command: "up", curve },
      { routes: 1000, apiCallsPerRoute: 2.1 },
    );
    const { targets: _fixture, ...partial } = { ...fixture(), scale };
    const met = Object.fromEntries(evaluateTargets(partial).map((t) => [t.name, [t.value, t.met]]));
    expect(met["scale: program memory against the floor's"]).toEqual([1.14, true]);
    expect(met["scale: program memory against the floor's, every point"]).toEqual([1.41, false]);
    expect(met["scale: API requests per route, 1000 on one gateway"]).toEqual([2.1, true]);
    const rows = summaryRows({ ...partial, targets: evaluateTargets(partial) });
    expect(rows.find((r) => r.scenario.includes("worst point"))).toMatchObject({
      measured: "624 MiB = 1.41x at 2000 routes",
      verdict: "MISSED",
    });
  });

  it("a full run keeps the points measured on their own that it did not measure, with their date and commit", () => {
    const at = (routes: number, seconds: number, alone?: string) =>
      scalePoint(routes, {
        seconds,
        ...(alone && {
          measuredAlone: { startedAt: alone, gitCommit: "c0ffee0", loadAverageStart: 1, loadAverageEnd: 1 },
        }),
      });
    const fresh = [at(100, 10), at(1000, 98)];
    const stored = [
      at(100, 7),
      at(1000, 85),
      at(1000, 80, "2026-12-02"),
      at(2000, 357, "2026-12-03"),
      at(500, 30),
    ];
    expect(
      withPointsMeasuredAlone(fresh, stored).map((p) => [p.routes, p.seconds, p.measuredAlone?.startedAt]),
    ).toEqual([
      [100, 10, undefined],
      [1000, 98, undefined],
      [2000, 357, "2026-12-03"],
    ]);
    expect(withPointsMeasuredAlone(fresh)).toEqual(fresh);
  });

  it("writes the machine, the table and the chart into the Markdown", () => {
    const md = markdownReport(fixture(), "converge.png");
    expect(md).toContain("Machine: 2 CPUs (cpu), 24 GiB");
    expect(md).toContain("Pulumi CLI v3.248.0");
    expect(md).toContain("| **MISSED** |");
    expect(md).toContain("![converge time against route count](converge.png)");
    expect(md).toContain(
      "| the engine alone: 100 no-op dynamic resources, same command | 3.95 s (to the first create) | no API; creates and tail 1.15 s |",
    );
  });

  it("gives the lab record (latest.md) the date, commit and load of each run, and the docs' section none of them", () => {
    const alone = {
      startedAt: "2026-12-03T11:12:00.000Z",
      gitCommit: "7b7345f",
      loadAverageStart: 0.37,
      loadAverageEnd: 1.75,
    };
    const curve = [scalePoint(1000), scalePoint(2000, { measuredAlone: alone })];
    const scale = scaleSection(
      { ...curve[0], gateways: 10, configDelayMs: 200, command: "up", curve },
      { routes: 1000, apiCallsPerRoute: 2.1 },
    );
    const results = { ...fixture(), scale };
    const record = markdownReport(results, "converge.svg");
    expect(record).toContain(
      "Run `npm run bench` at 2026-01-01T00:00:00.000Z on commit `abc`, 400 s in all.",
    );
    expect(record).toContain("Machine: 2 CPUs (cpu), 24 GiB, Linux; load average 1 at the start");
    expect(record).toContain(
      "(`npm run bench -- --scale-point 2000`, 2026-12-03 11:12 UTC at `7b7345f`, load average 0.37 to 1.75)",
    );

    const docs = docsBenchSection(results);
    expect(docs).toContain(
      "Measured with Node.js v20, Pulumi CLI v3.248.0 and @pulumi/pulumi 3.248.0 (client host) on 2 CPUs (cpu), 24 GiB, Linux, a shared machine; `npm run bench` took 400 s.",
    );
    expect(docs).toContain("When and on which commit: [bench/results/latest.md](bench/results/latest.md).");
    expect(docs).toContain(
      "The 2000-route point was measured separately (`npm run bench -- --scale-point 2000`): with it the full bench would pass its 12 minutes.",
    );
    expect(docs).not.toMatch(/`[0-9a-f]{7,40}`|\b20\d\d-\d\d-\d\d|load average/);
  });

  it("measures __provider as the provider host reads it and as the state stores it", () => {
    const text = "exports.handler = __f0;";
    const route = (provider: unknown) => ({
      urn: "u",
      type: "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry",
      inputs: { __provider: provider },
      outputs: { __provider: provider },
    });
    const secret = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "abcdef",
    };
    const sizes = providerSizes(
      { version: 3, deployment: { resources: [route(text), { urn: "s", type: "pulumi:pulumi:Stack" }] } },
      { version: 3, deployment: { resources: [route(secret)] } },
    );
    expect(sizes.providerBytesPerResource).toBe(text.length);
    expect(sizes.providerStoredBytesPerResource).toBe(2 * JSON.stringify(secret).length);
    expect(storedBytes("é")).toBe(2);
    expect(() => providerSizes({ version: 3, deployment: {} }, { version: 3, deployment: {} })).toThrow(
      /no route/,
    );
  });
});
