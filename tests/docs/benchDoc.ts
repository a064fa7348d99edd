/**
 * docs/benchmarks.md's figures: the section `npm run bench` renders for the README (bench/report/markdown.ts),
 * with its paths to bench/results/ seen from docs/, between the `<!-- bench:begin -->` / `<!-- bench:end -->`
 * markers of docs/benchmarks.md.
 */
import { readmeBenchSection } from "../../bench/report/markdown";
import type { BenchResults } from "../../bench/results";
import { formatMarkdown } from "../support/markdownSections";

/** Where the figures are shown, relative to the repository root. */
export const BENCH_DOC = "docs/benchmarks.md";

/** The section as docs/benchmarks.md shows it, formatted as Prettier formats that file. */
export function benchDocSection(root: string, results: BenchResults): string {
  const section = readmeBenchSection(results).split("](bench/results/").join("](../bench/results/");
  return formatMarkdown(root, section, BENCH_DOC);
}
