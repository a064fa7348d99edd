/**
 * The figures of the scenarios run by their own flag (`npm run bench -- --table-scale`, `--remote-state`) in the
 * guides are the committed bench/results/<base>.json as rendered for the guide (bench/report/flagSections.ts;
 * the bench writes them): nobody edits a figure by hand, and a new run that was not committed shows here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FLAG_SECTIONS, withFlagSection, type FlagResults } from "../../bench/report/flagSections";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe.each(FLAG_SECTIONS)("the figures of bench/results/$base.json in $doc", (entry) => {
  it("are what the committed JSON renders", () => {
    const results = JSON.parse(read(`bench/results/${entry.base}.json`)) as FlagResults;
    const doc = read(entry.doc);
    expect(doc).toBe(withFlagSection(ROOT, doc, entry, results));
  });
});
