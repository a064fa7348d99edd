/**
 * bench/results/latest.md: what ran, when, on which commit and where, the summary table, the chart, and where the
 * time went. docs/benchmarks.md shows the same figures without the date, commit and load of the run (guides hold
 * current figures; the lab record stays in bench/results/).
 */
import { round2 } from "../meta";
import type { BenchResults } from "../results";
import { summaryRows } from "./rows";

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function markdownReport(r: BenchResults, chartFile: string | undefined): string {
  return [
    `# Benchmarks (${r.meta.mode})`,
    "",
    reportBody(r, { chartFile, subheading: "##", dir: "", record: true }),
  ].join("\n");
}

/** The figures of docs/benchmarks.md (its `<!-- bench:begin -->` section): the same report under that file's headings. */
export const BENCH_SECTION = "bench";
export function docsBenchSection(r: BenchResults): string {
  return reportBody(r, { chartFile: CHART_SVG, subheading: "###", dir: "bench/results/", record: false });
}

/** The chart every run draws (the PNG needs a converter on the machine; the SVG does not). */
export const CHART_SVG = "converge.svg";
/** The scale curve's chart (SVG). */
export const SCALE_CHART_SVG = "scale.svg";

interface Layout {
  chartFile: string | undefined;
  subheading: string;
  /** Where the chart and JSON are, seen from the Markdown file. */
  dir: string;
  /** The lab record (latest.md): when the run was, on which commit, under what load. */
  record: boolean;
}

function reportBody(r: BenchResults, { chartFile, subheading, dir, record }: Layout): string {
  const m = r.meta;
  const c = r.converge;
  const lines = [
    ...(record ? runRecord(m) : measuredWith(m, dir)),
    "",
    "| scenario | measured | limit / target | |",
    "| --- | --- | --- | --- |",
    ...summaryRows(r).map(
      (row) =>
        `| ${cell(row.scenario)} | ${cell(row.measured)} | ${cell(row.limit)} | ${row.verdict ? `**${row.verdict}**` : ""} |`,
    ),
    "",
  ];
  if (chartFile) lines.push(`![converge time against route count](${dir}${chartFile})`, "");
  lines.push(
    `${subheading} Where the converge time goes`,
    "",
    "| run | engine start (CLI, program, provider host) | API span (first request to last gateway idle) | engine tail | API calls |",
    "| --- | --- | --- | --- | --- |",
    `| plain pulumi up (-p ${c.parallel}) | ${c.engineStartSeconds} s | ${c.apiSeconds} s | ${c.engineTailSeconds} s | ${c.apiCalls} |`,
  );
  if (c.floor) {
    lines.push(
      `| the engine alone: ${c.routes} no-op dynamic resources, same command | ${c.floor.engineStartSeconds} s (to the first create) | no API; creates and tail ${round2(c.floor.seconds - c.floor.engineStartSeconds)} s | | 0 |`,
    );
  }
  if (c.tuned) {
    lines.push(
      `| pulumi up --parallel ${c.tuned.parallel} | ${c.tuned.engineStartSeconds} s | ${c.tuned.apiSeconds} s | ${c.tuned.engineTailSeconds} s | ${c.tuned.apiCalls} |`,
    );
  }
  lines.push(
    `| faults run (--parallel ${r.faults.routes}) | ${r.faults.engineStartSeconds} s | ${r.faults.apiSeconds} s | ${r.faults.engineTailSeconds} s | ${r.faults.apiCalls} |`,
  );
  const rl = r.rateLimited;
  if (rl) {
    lines.push(
      `| rateLimited (plain pulumi up, documented rate limits) | ${rl.engineStartSeconds} s | ${rl.apiSeconds} s | ${rl.engineTailSeconds} s | ${rl.apiCalls} |`,
    );
  }
  if (r.scale) lines.push("", ...scaleCurve(r.scale, subheading, dir, m.mode === "quick", record));
  lines.push(
    "",
    "Figures: converge and faults time `pulumi up --skip-preview` (the preview is measured on its own); the limit " +
      "is the busiest gateway's writes back to back (routes on it x configDelayMs). The baseline replays " +
      "terraform-provider-alicloud's create schedule against the same kind of emulator with no engine at all. " +
      "rateLimited holds the account to Alibaba's documented per-API rate limits (the other scenarios run without " +
      "them, in the emulator and in the provider); its bound is the larger of the busiest gateway's writes and the " +
      "calls beyond each action's bucket of 60 s at that action's rate, and the binding one is named. " +
      "Refresh counts the emulator's DescribeVpnRouteEntries requests during `pulumi refresh` (one full listing is " +
      `${r.refresh.limitCalls} pages of 50). Machine-readable figures: \`${dir}${m.mode === "quick" ? "quick" : "latest"}.json\`.`,
    "",
  );
  return lines.join("\n");
}

/** When, on which commit and under what load the run was: the lab record's opening. */
function runRecord(m: BenchResults["meta"]): string[] {
  return [
    `Run \`${m.command}\` at ${m.startedAt} on commit \`${m.gitCommit}\`${m.gitDirty ? " (work tree with uncommitted changes)" : ""}, ` +
      `${m.durationSeconds ?? "?"} s in all.`,
    "",
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; load average ${m.loadAverageStart} at the start, ` +
      `${m.loadAverageEnd ?? "?"} at the end (the machine is shared). Node.js ${m.node}, Pulumi CLI ${m.pulumiCli}, ` +
      `@pulumi/pulumi ${m.pulumiSdk}, language runtime: ${m.languageRuntime}. All API traffic goes to the emulator on 127.0.0.1.`,
  ];
}

/** What the figures were measured with, for a guide: versions and machine, no date or commit. */
function measuredWith(m: BenchResults["meta"], dir: string): string[] {
  return [
    `Measured with Node.js ${m.node}, Pulumi CLI ${m.pulumiCli} and @pulumi/pulumi ${m.pulumiSdk} ` +
      `(${m.languageRuntime}) on ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}, a shared machine; ` +
      `\`${m.command}\` took ${m.durationSeconds ?? "?"} s. All API traffic goes to the emulator on 127.0.0.1. ` +
      `When and on which commit: [${dir}${m.mode === "quick" ? "quick" : "latest"}.md](${dir}${m.mode === "quick" ? "quick" : "latest"}.md).`,
  ];
}

function scaleCurve(
  sc: NonNullable<BenchResults["scale"]>,
  subheading: string,
  dir: string,
  quick: boolean,
  record: boolean,
) {
  return [
    `${subheading} How the cost grows with the stack`,
    "",
    `Plain \`${sc.command}\` (checkpoints on, file backend) of N routes over ${sc.gateways} gateways at ` +
      `${sc.configDelayMs} ms per write, beside the engine's floor: the same command for N no-op dynamic resources, ` +
      "in the same run. Memory is each process's peak resident set (VmHWM).",
    "",
    "| routes | seconds | floor | ratio to floor | limit | state per route (floor) | requests per route | program MiB (floor) | provider MiB (floor) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...sc.curve.map(
      (p) =>
        `| ${p.routes} | ${p.seconds} s | ${p.floorSeconds} s | ${p.floorRatio}x | ${p.limitSeconds} s | ` +
        `${p.stateBytesPerRoute} B (${p.floorStateBytesPerResource} B) | ${p.apiCallsPerRoute} | ` +
        `${p.programPeakMiB} (${p.floorProgramPeakMiB}) | ${p.providerPeakMiB} (${p.floorProviderPeakMiB}) |`,
    ),
    ...sc.curve
      .filter((p) => p.measuredAlone)
      .map((p) =>
        record
          ? `\nThe ${p.routes}-route point was measured on its own (\`npm run bench -- --scale-point ${p.routes}\`, ` +
            `${p.measuredAlone!.startedAt.slice(0, 16).replace("T", " ")} UTC at \`${p.measuredAlone!.gitCommit}\`, load average ` +
            `${p.measuredAlone!.loadAverageStart} to ${p.measuredAlone!.loadAverageEnd}): with it the full bench would pass its 12 minutes.`
          : `\nThe ${p.routes}-route point was measured separately (\`npm run bench -- --scale-point ${p.routes}\`): ` +
            "with it the full bench would pass its 12 minutes.",
      ),
    "",
    `![pulumi up time against route count, with the engine's floor](${dir}${quick ? "quick-" : ""}${SCALE_CHART_SVG})`,
  ];
}
