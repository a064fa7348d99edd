/**
 * The benchmark figures of docs/benchmarks.md are the committed bench/results/latest.json as rendered for the
 * docs (bench/report/benchDoc.ts; `npm run bench -- --redraw` writes them): nobody edits a figure by hand, and a
 * new run that was not committed with its JSON shows here. docs/large-stacks.md's table is the same run's curve.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BENCH_DOC, withBenchDocSection } from "../../bench/report/benchDoc";
import type { BenchResults } from "../../bench/results";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the benchmark figures of docs/benchmarks.md", () => {
  const results = JSON.parse(read("bench/results/latest.json")) as BenchResults;
  const readme = read(BENCH_DOC);

  it("are what bench/results/latest.json renders", () => {
    expect(readme).toBe(withBenchDocSection(ROOT, readme, results));
  });

  it("are not in the README, which has no dated measurement", () => {
    expect(read("README.md")).not.toContain("<!-- bench:begin -->");
  });

  it("in docs/large-stacks.md are the scale curve of the same run", () => {
    const rows = read("docs/large-stacks.md")
      .split("\n")
      .filter((line) => /^\| [\d,]+ +\| [\d.]+ s/.test(line))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    expect(rows.map((cells) => [Number(cells[1].replace(/,/g, "")), cells[2], cells[3], cells[4]])).toEqual(
      results.scale!.curve.map((p) => [
        p.routes,
        `${p.seconds} s`,
        `${p.floorSeconds} s`,
        `${p.floorRatio}x`,
      ]),
    );
  });

  it("show the chart that the run drew, and every key the brief asks of the JSON", () => {
    expect(readme).toContain("![converge time against route count](../bench/results/converge.svg)");
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
