/**
 * The guides' figures of the scenarios run by their own flag (`npm run bench -- --table-scale`...): a section
 * between `<!-- <base>:begin -->` / `<!-- <base>:end -->` markers of the guide, rendered from the committed
 * bench/results/<base>.json. The bench writes it with the results; tests/docs/flagSections.test.ts holds it equal
 * to the JSON, so nobody edits a figure by hand.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatMarkdown, withSection } from "../../tests/support/markdownSections";
import type { BenchMeta } from "../meta";
import { pluginScaleTable, type PluginScaleResult } from "../scenarios/pluginScale";
import { remoteStateTable, type RemoteStateResult } from "../scenarios/remoteState";
import { tableScaleTable, type TableScaleResult } from "../scenarios/tableScale";

/** bench/results/<base>.json of a flag scenario. */
export interface FlagResults {
  meta: BenchMeta;
  result: unknown;
}

export interface FlagSection {
  /** bench/results/<base>.json, and the markers' name. */
  base: string;
  /** The guide, relative to the repository root. */
  doc: string;
  /** The table of the results' `result` (the JSON as the bench wrote it). */
  table(result: unknown): string[];
}

export const FLAG_SECTIONS: FlagSection[] = [
  {
    base: "table-scale",
    doc: "docs/route-table-resource.md",
    table: (result) => tableScaleTable(result as TableScaleResult),
  },
  {
    base: "remote-state",
    doc: "docs/teams.md",
    table: (result) => remoteStateTable(result as RemoteStateResult),
  },
  {
    base: "plugin-scale",
    doc: "docs/other-languages.md",
    table: (result) => pluginScaleTable(result as PluginScaleResult),
  },
];

/** What the figures were measured with, for a guide: versions and machine, no date or commit. */
function measuredWith(m: BenchMeta, base: string): string {
  return (
    `Measured with Node.js ${m.node}, Pulumi CLI ${m.pulumiCli}, @pulumi/pulumi ${m.pulumiSdk} ` +
    `(${m.languageRuntime}), on ${m.nproc} shared CPUs (load ${m.loadAverageStart} to ${m.loadAverageEnd}); ` +
    `\`${m.command}\` took ${m.durationSeconds ?? "?"} s. When and on which commit: ` +
    `[bench/results/${base}.md](../bench/results/${base}.md).`
  );
}

/** The section as the guide shows it, formatted as Prettier formats that file. */
export function flagSection(root: string, entry: FlagSection, results: FlagResults): string {
  const text = [measuredWith(results.meta, entry.base), "", ...entry.table(results.result)].join("\n");
  return formatMarkdown(root, text, entry.doc);
}

/** The guide's text with the section rendered from `results`. */
export function withFlagSection(root: string, doc: string, entry: FlagSection, results: FlagResults): string {
  return withSection(doc, entry.base, flagSection(root, entry, results));
}

/** Rewrites the guide's section of a flag scenario, if it has one (the rest of the file is left as it is). */
export function writeFlagSection(root: string, base: string, results: FlagResults): string | undefined {
  const entry = FLAG_SECTIONS.find((e) => e.base === base);
  if (!entry) return undefined;
  const doc = path.join(root, entry.doc);
  fs.writeFileSync(doc, withFlagSection(root, fs.readFileSync(doc, "utf8"), entry, results));
  return entry.doc;
}
