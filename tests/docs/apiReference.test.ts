/**
 * The API reference builds: TypeDoc with the repository's typedoc.json (the package's three entry points,
 * validation of undocumented exports, broken links and symbols not exported, warnings as errors), run as its
 * command line with `--emit none` (TypeDoc is an ES module, which Jest's CommonJS registry does not load).
 * `npm run docs:api` writes the same reference to docs/api/.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

jest.setTimeout(240_000);

function typedoc(...args: string[]): { status: number | null; output: string } {
  const cli = path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc");
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("the API reference (TypeDoc)", () => {
  it("builds with no undocumented export, no broken link and no warning", () => {
    const { status, output } = typedoc("--emit", "none");
    expect(
      output
        .split("\n")
        .filter((line) => /warning|error/i.test(line) && !/Found 0 errors and 0 warnings/.test(line)),
    ).toEqual([]);
    expect(status).toBe(0);
  });
});
