/**
 * The README's benchmark figures are the committed bench/results/latest.json as `npm run bench` writes them:
 * nobody edits a figure by hand, and a new run that was not committed with its JSON shows here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readmeBenchSection, README_SECTION } from "../../bench/report/markdown";
import type { BenchResults } from "../../bench/results";
import { formatMarkdown, withSection } from "../support/markdownSections";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the README's benchmark section", () => {
  const results = JSON.parse(read("bench/results/latest.json")) as BenchResults;
  const readme = read("README.md");

  it("is what bench/results/latest.json renders", () => {
    const section = formatMarkdown(ROOT, readmeBenchSection(results), "README.md");
    expect(readme).toBe(withSection(readme, README_SECTION, section));
  });

  it("shows the chart that the run drew, and every key the brief asks of the JSON", () => {
    expect(readme).toContain("![converge time against route count](bench/results/converge.svg)");
    expect(fs.existsSync(path.join(ROOT, "bench", "results", "converge.svg"))).toBe(true);
    expect(results).toMatchObject({
      converge: {
        routes: 100,
        gateways: 4,
        configDelayMs: 1000,
        seconds: expect.any(Number),
        limitSeconds: expect.any(Number),
        ratio: expect.any(Number),
        apiCalls: expect.any(Number),
        baseline: { seconds: expect.any(Number), ratio: expect.any(Number) },
      },
      refresh: { routes: 1000, describeCalls: expect.any(Number), limitCalls: 20 },
      state: { providerBytesPerResource: expect.any(Number), stateBytesPer1000Routes: expect.any(Number) },
      faults: {
        routes: 200,
        throttlePct: 20,
        serverErrorPct: 5,
        lostResponsePct: 5,
        duplicates: expect.any(Number),
        missing: expect.any(Number),
        failed: expect.any(Number),
        ratio: expect.any(Number),
      },
      preview: { resources: 1000, seconds: expect.any(Number) },
      rateLimited: {
        routes: 100,
        gateways: 4,
        seconds: expect.any(Number),
        boundSeconds: expect.any(Number),
        binding: expect.any(String),
        ratio: expect.any(Number),
        throttled: expect.any(Number),
      },
    });
  });
});
