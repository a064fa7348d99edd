/**
 * pluginScale: the scale scenario's routes (R over G gateways, 200 ms a write, rate limits off, the CLI's default
 * `--parallel`) once through each way in, in the same run: the TypeScript program with the dynamic resources
 * (one VpnGatewayRoutes a gateway, as `scale` runs them) and a Pulumi YAML program with the provider plugin's
 * `alicloud-vpn:index:VpnGatewayRoutes` (the same component, through `construct`). Each: `pulumi up` creating the
 * routes, `pulumi preview` of them unchanged, a failover of its pairs (`up`); the plugin's times against the
 * dynamic resources'. Both stacks are measured by tableScale's measureStack, so the figures mean the same.
 */
import * as fs from "fs";
import * as path from "path";
import { findYamlHost } from "../../tests/e2e/yaml-suite";
import { programFiles, yamlProgramFiles } from "../engine/program";
import { round2, runLine, type BenchMeta } from "../meta";
import { REPO_ROOT } from "../paths";
import { pairedGateways, type BenchGateway } from "../topology";
import { runFloor } from "./scale";
import { failOverByConfig, isCorrect, measureStack, type StackRun } from "./tableScale";

/** The plugin's `up` may take this many times the dynamic resources' (issue 26, item 7). */
export const PLUGIN_UP_RATIO_TARGET = 1.1;

export interface PluginScaleSetup {
  routes: number;
  gateways: number;
  /** Destinations declared as active/standby pairs (two routes each, within `routes`), failed over in one `up`. */
  pairs: number;
  configDelayMs: number;
}

export interface WayRun extends StackRun {
  way: "dynamic" | "plugin";
  /** The program's language and what serves its routes. */
  program: string;
}

export interface PluginScaleResult extends PluginScaleSetup {
  /** The engine's start: from the command to the first create of a floor of `gateways` no-op resources. */
  engineStartSeconds: number;
  /** pulumi-language-yaml's pulumi-yaml module version (the host has no -version flag). */
  yamlLanguageHost: string;
  runs: WayRun[];
  /** The plugin's seconds over the dynamic resources', per phase. */
  ratios: { up: number; preview: number; failover: number };
  target: { upRatio: number; holds: boolean };
}

/** `github.com/pulumi/pulumi-yaml vX.Y.Z` from the Go build information the host's binary carries. */
export function yamlHostVersion(binary: string | undefined): string {
  if (!binary) throw new Error("no pulumi-language-yaml (run scripts/ensure-pulumi-yaml.sh)");
  const match = /\tgithub\.com\/pulumi\/pulumi-yaml\t(v[\w.+-]+)\t/.exec(fs.readFileSync(binary, "latin1"));
  return `pulumi-language-yaml ${match?.[1] ?? "(version unknown)"}`;
}

/** The YAML program's failover: the program written again with every pair failed over. */
const yamlFailOver =
  (topology: BenchGateway[]) =>
  async (project: { dir: string }): Promise<void> => {
    const files = yamlProgramFiles(topology, { packageDir: REPO_ROOT, failedOver: true });
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(project.dir, file), text);
  };

export async function runPluginScale(
  setup: PluginScaleSetup,
  say: (line: string) => void = () => undefined,
): Promise<PluginScaleResult> {
  const { routes, gateways, pairs, configDelayMs } = setup;
  const yamlLanguageHost = yamlHostVersion(findYamlHost());
  const start = await runFloor(gateways, { stampCreates: true });
  const engineStartSeconds = round2(start.engineStartSeconds!);
  say(`plugin scale: the engine's start ${engineStartSeconds} s`);
  const topology = pairedGateways(routes, gateways, pairs);
  const programs = [
    {
      way: "dynamic" as const,
      program: "TypeScript, dynamic resources (VpnGatewayRoutes)",
      name: `plugin-scale-dynamic-${routes}`,
      files: programFiles(topology, "components"),
      failOver: failOverByConfig,
    },
    {
      way: "plugin" as const,
      program: `YAML, provider plugin (alicloud-vpn:index:VpnGatewayRoutes)`,
      name: `plugin-scale-yaml-${routes}`,
      files: yamlProgramFiles(topology, { packageDir: REPO_ROOT }),
      failOver: yamlFailOver(topology),
    },
  ];
  const runs: WayRun[] = [];
  for (const { way, program, ...measured } of programs) {
    const run = await measureStack(measured, topology, configDelayMs, engineStartSeconds);
    say(
      `plugin scale, ${way} ${routes} routes: up ${run.create.seconds} s, preview ${run.preview.seconds} s, ` +
        `failover ${run.failover.seconds} s`,
    );
    runs.push({ way, program, ...run });
  }
  const [dynamic, plugin] = runs;
  const over = (phase: (run: StackRun) => number) => round2(phase(plugin) / phase(dynamic));
  const up = over((run) => run.create.seconds);
  return {
    ...setup,
    engineStartSeconds,
    yamlLanguageHost,
    runs,
    ratios: {
      up,
      preview: over((run) => run.preview.seconds),
      failover: over((run) => run.failover.seconds),
    },
    target: { upRatio: PLUGIN_UP_RATIO_TARGET, holds: up <= PLUGIN_UP_RATIO_TARGET },
  };
}

/** The figures as a table (the guide shows it, bench/report/flagSections.ts). */
export function pluginScaleTable(r: PluginScaleResult): string[] {
  const lines = [
    "| program | up (s) | bound (s) | state bytes a route | requests a route | CLI / program / provider MiB | preview unchanged (s) | failover (s) | failover writes | correct |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const run of r.runs) {
    const c = run.create;
    lines.push(
      `| ${run.program} | ${c.seconds} | ${c.boundSeconds} | ${c.stateBytesPerRoute} | ${c.apiCallsPerRoute} | ` +
        `${c.cliPeakMiB} / ${c.programPeakMiB} / ${c.providerPeakMiB} | ${run.preview.seconds} | ` +
        `${run.failover.seconds} | ${run.failover.writes} | ${isCorrect(run) ? "yes" : "NO"} |`,
    );
  }
  lines.push(
    "",
    `The plugin's time over the dynamic resources': \`up\` ${r.ratios.up}x (target at most ` +
      `${r.target.upRatio}x: ${r.target.holds ? "held" : "NOT held"}), preview ${r.ratios.preview}x, failover ` +
      `${r.ratios.failover}x. ${r.routes} routes over ${r.gateways} gateways (${r.pairs} destinations as ` +
      `active/standby pairs), ${r.configDelayMs} ms a write; bound: the busiest gateway's writes back to back plus ` +
      `the engine's start (${r.engineStartSeconds} s). YAML host: ${r.yamlLanguageHost}.`,
  );
  return lines;
}

/** The figures with the run's versions and machine. */
export function pluginScaleMarkdown(results: { meta: BenchMeta; result: PluginScaleResult }): string {
  const m = results.meta;
  const lines = [
    "# The provider plugin at scale, beside the dynamic resources",
    "",
    `${runLine(m)} Rate limits off, file backend, ` + "checkpoints on.",
    "",
    ...pluginScaleTable(results.result),
  ];
  return `${lines.join("\n")}\n`;
}
