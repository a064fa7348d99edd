/** Writes the figures of bench/results/latest.json into docs/benchmarks.md. Run: `npm run build && node dist/tests/docs/writeBenchDoc.js`. */
import * as fs from "node:fs";
import * as path from "node:path";
import { README_SECTION } from "../../bench/report/markdown";
import type { BenchResults } from "../../bench/results";
import { withSection } from "../support/markdownSections";
import { BENCH_DOC, benchDocSection } from "./benchDoc";

function main(root: string): void {
  const results = JSON.parse(
    fs.readFileSync(path.join(root, "bench", "results", "latest.json"), "utf8"),
  ) as BenchResults;
  const doc = path.join(root, BENCH_DOC);
  fs.writeFileSync(
    doc,
    withSection(fs.readFileSync(doc, "utf8"), README_SECTION, benchDocSection(root, results)),
  );
  console.log(`wrote the figures of bench/results/latest.json into ${BENCH_DOC}`);
}

main(process.argv[2] ?? process.cwd());
