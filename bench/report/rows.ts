/** The summary table, as rows both the console and the Markdown report print. */
import {
  holdsTimeRatios,
  PREVIEW_FLOOR_RATIO_TARGET,
  programMemoryRatio,
  type BenchResults,
} from "../results";

export interface Row {
  scenario: string;
  measured: string;
  limit: string;
  /** "met", "MISSED", or "" where no target applies. */
  verdict: string;
}

const s = (n: number) => `${n.toFixed(1)} s`;
const x = (n: number) => `${n.toFixed(2)}x`;
const verdict = (met: boolean) => (met ? "met" : "MISSED");
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

export function summaryRows(r: BenchResults): Row[] {
  // A time ratio the run does not hold (--quick, see holdsTimeRatios) counts as met in the verdict.
  const timed = holdsTimeRatios(r.meta);
  const held = (met: boolean) => !timed || met;
  const target = (ratio: number) => (timed ? `target <= ${x(ratio)}` : `reported (--quick)`);
  const c = r.converge;
  const rows: Row[] = [
    {
      scenario: `converge: ${c.routes} routes / ${c.gateways} gateways, ${c.configDelayMs} ms per write, plain pulumi up (-p ${c.parallel})`,
      measured: `${s(c.seconds)} = ${x(c.ratio)}`,
      limit:
        `${s(c.limitSeconds)}; ${target(c.target)}` +
        (c.floor ? ` (the engine alone: first create at ${s(c.floor.engineStartSeconds)})` : ""),
      verdict: verdict(held(c.ratio <= c.target)),
    },
  ];
  if (c.tuned) {
    rows.push({
      scenario: `converge: same, pulumi up --parallel ${c.tuned.parallel}`,
      measured: `${s(c.tuned.seconds)} = ${x(c.tuned.ratio)}`,
      limit: `${s(c.limitSeconds)}; ${target(c.target)}`,
      verdict: verdict(held(c.tuned.ratio <= c.target)),
    });
  }
  if (c.baseline) {
    rows.push({
      scenario: `converge baseline: terraform-provider-alicloud's schedule (parallelism ${c.baseline.parallelism})`,
      measured: `${s(c.baseline.seconds)} = ${x(c.baseline.ratio)}`,
      limit: s(c.limitSeconds),
      verdict: "",
    });
  }
  rows.push(
    {
      scenario: `refresh: ${r.refresh.routes} routes on one gateway, DescribeVpnRouteEntries calls (--skip-preview)`,
      measured: `${r.refresh.describeCalls} calls (${s(r.refresh.seconds)})`,
      limit: `${r.refresh.limitCalls}; target <= ${r.refresh.targetCalls}`,
      verdict: verdict(r.refresh.describeCalls <= r.refresh.targetCalls),
    },
    {
      scenario: "refresh: same, plain pulumi refresh (previews first: every Read twice)",
      measured: `${r.refresh.withPreview.describeCalls} calls (${s(r.refresh.withPreview.seconds)})`,
      limit: `${2 * r.refresh.limitCalls}`,
      verdict: "",
    },
    {
      scenario: "state: __provider per resource (one copy; stored in inputs and outputs)",
      measured: `${r.state.providerBytesPerResource} B (${r.state.providerStoredBytesPerResource} B stored)`,
      limit: `target <= ${r.state.providerTargetBytes} B`,
      verdict: verdict(r.state.providerBytesPerResource <= r.state.providerTargetBytes),
    },
    {
      scenario: "state: state file per 1,000 routes",
      measured: `${mb(r.state.stateBytesPer1000Routes)} (${kb(r.state.stateBytesPer1000Routes / 1000)} a route)`,
      limit: "",
      verdict: "",
    },
    {
      scenario:
        `faults: ${r.faults.routes} routes / ${r.faults.gateways} gateways, ${r.faults.configDelayMs} ms per write, ` +
        `throttle ${r.faults.throttlePct}%, 5xx ${r.faults.serverErrorPct}%, lost ${r.faults.lostResponsePct}%`,
      measured: `${r.faults.duplicates}/${r.faults.missing}/${r.faults.failed} dup/missing/failed; ${s(r.faults.seconds)} = ${x(r.faults.ratio)}`,
      limit: `0/0/0; ${s(r.faults.limitSeconds)}; ${target(r.faults.target)}`,
      verdict: verdict(
        r.faults.duplicates === 0 &&
          r.faults.missing === 0 &&
          r.faults.failed === 0 &&
          held(r.faults.ratio <= r.faults.target),
      ),
    },
    {
      scenario: `preview: ${r.preview.resources} unchanged routes`,
      measured:
        `${s(r.preview.seconds)} (${r.preview.apiCalls} API calls)` +
        (r.preview.floorRatio === undefined ? "" : ` = ${x(r.preview.floorRatio)} the floor`),
      limit:
        r.preview.floorSeconds === undefined
          ? ""
          : `floor (no-op resources) ${s(r.preview.floorSeconds)}; target <= ${x(PREVIEW_FLOOR_RATIO_TARGET)}`,
      verdict:
        r.preview.floorRatio === undefined ? "" : verdict(r.preview.floorRatio <= PREVIEW_FLOOR_RATIO_TARGET),
    },
  );
  const sc = r.scale;
  if (sc) {
    const worst = sc.curve.reduce((a, b) => (programMemoryRatio(b) > programMemoryRatio(a) ? b : a));
    const worstRatio = programMemoryRatio(worst);
    rows.push(
      {
        scenario: `scale: ${sc.routes} routes / ${sc.gateways} gateways, ${sc.configDelayMs} ms per write, plain pulumi up (checkpoints on)`,
        measured: `${s(sc.seconds)} = ${x(sc.floorRatio)} the floor, ${x(sc.ratio)} the limit`,
        limit: `floor ${s(sc.floorSeconds)}, limit ${s(sc.limitSeconds)}; ${target(sc.targets.floorRatio)} the floor`,
        verdict: verdict(held(sc.floorRatio <= sc.targets.floorRatio)),
      },
      {
        scenario: "scale: program peak memory against the floor's",
        measured: `${sc.programPeakMiB} MiB = ${x(sc.programMemoryRatio)} (provider ${sc.providerPeakMiB} MiB)`,
        limit: `floor ${sc.floorProgramPeakMiB} MiB; target <= ${x(sc.targets.programMemoryRatio)}`,
        verdict: verdict(sc.programMemoryRatio <= sc.targets.programMemoryRatio),
      },
      {
        scenario: "scale: program peak memory against the floor's, the curve's worst point",
        measured: `${worst.programPeakMiB} MiB = ${x(worstRatio)} at ${worst.routes} routes`,
        limit: `floor ${worst.floorProgramPeakMiB} MiB; target <= ${x(sc.targets.programMemoryRatio)}`,
        verdict: verdict(worstRatio <= sc.targets.programMemoryRatio),
      },
      {
        scenario: "scale: state file and API requests per route",
        measured:
          `${sc.stateBytesPerRoute} B, ${sc.apiCallsPerRoute} requests` +
          (sc.oneGateway
            ? ` (${sc.oneGateway.routes} on one gateway: ${sc.oneGateway.apiCallsPerRoute} requests)`
            : ""),
        limit: `targets <= ${sc.targets.stateBytesPerRoute} B, <= ${sc.targets.apiCallsPerRoute}`,
        verdict: verdict(
          sc.stateBytesPerRoute <= sc.targets.stateBytesPerRoute &&
            sc.apiCallsPerRoute <= sc.targets.apiCallsPerRoute &&
            (sc.oneGateway?.apiCallsPerRoute ?? 0) <= sc.targets.apiCallsPerRoute,
        ),
      },
    );
  }
  const rl = r.rateLimited;
  if (rl) {
    rows.push({
      scenario: `rateLimited: ${rl.routes} routes / ${rl.gateways} gateways, ${rl.configDelayMs} ms per write, documented API rate limits, plain pulumi up`,
      measured:
        `${rl.throttled} throttled; ${s(rl.seconds)} = ${x(rl.ratio)}` +
        (rl.measuredAlone ? ` (run alone, load ${rl.measuredAlone.loadAverageStart})` : ""),
      limit: `0; ${s(rl.boundSeconds)} (${rl.binding}); ${target(rl.target)}`,
      verdict: verdict(rl.throttled === 0 && held(rl.ratio <= rl.target)),
    });
  }
  return rows;
}

const HEADERS: Row = { scenario: "scenario", measured: "measured", limit: "limit / target", verdict: "" };

export function consoleTable(rows: Row[]): string {
  const all = [HEADERS, ...rows];
  const width = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const line = (r: Row) =>
    [
      r.scenario.padEnd(width("scenario")),
      r.measured.padEnd(width("measured")),
      r.limit.padEnd(width("limit")),
      r.verdict,
    ]
      .join("  ")
      .trimEnd();
  return [line(HEADERS), ...rows.map(line)].join("\n");
}
