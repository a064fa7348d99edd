/** Where the bench finds the repository and writes its results, from source (ts-jest) or from dist/bench. */
import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "alicloud-vpn-routes";

/** The directory of this repository's package.json, found by walking up (dist/ has no package.json). */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string };
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json named ${PACKAGE_NAME} above ${start}`);
  }
}

export const REPO_ROOT = findRepoRoot();
export const RESULTS_DIR = path.join(REPO_ROOT, "bench", "results");
/**
 * Pulumi projects and their file backends. Inside the repository (git-ignored `.work/`), so programs resolve
 * the repository's node_modules: one @pulumi/pulumi for the program, the runner and the provider host.
 */
export const BENCH_WORK_DIR = path.join(REPO_ROOT, "bench", ".work");
