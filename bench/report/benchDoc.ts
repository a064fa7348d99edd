/**
 * docs/benchmarks.md's figures: the section bench/report/markdown.ts renders for the docs, with its paths to
 * bench/results/ seen from docs/, between the `<!-- bench:begin -->` / `<!-- bench:end -->` markers of
 * docs/benchmarks.md. `npm run bench` (and `--redraw`) writes it; tests/docs/benchReadme.test.ts holds it equal
 * to the committed bench/results/latest.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatMarkdown, withSection } from "../../tests/support/markdownSections";
import type { BenchResults } from "../results";
import { BENCH_SECTION, docsBenchSection } from "./markdown";

/** Where the figures are shown, relative to the repository root. */
export const BENCH_DOC = "docs/benchmarks.md";

/** The section as docs/benchmarks.md shows it, formatted as Prettier formats that file. */
export function benchDocSection(root: string, results: BenchResults): string {
  const section = docsBenchSection(results).split("](bench/results/").join("](../bench/results/");
  return formatMarkdown(root, section, BENCH_DOC);
}

/** docs/benchmarks.md's text with its generated section rendered from `results`. */
export function withBenchDocSection(root: string, doc: string, results: BenchResults): string {
  return withSection(doc, BENCH_SECTION, benchDocSection(root, results));
}

/** Rewrites the generated section of docs/benchmarks.md (the rest of the file is left as it is). */
export function writeBenchDoc(root: string, results: BenchResults): void {
  const doc = path.join(root, BENCH_DOC);
  fs.writeFileSync(doc, withBenchDocSection(root, fs.readFileSync(doc, "utf8"), results));
}
