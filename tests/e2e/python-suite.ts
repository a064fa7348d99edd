/**
 * Engine tests of Python programs: the Pulumi CLI, `pulumi-language-python` next to it and the virtual environment
 * with Python's `pulumi` that scripts/ensure-python.sh makes; without them, `describeWithTooling`'s rules apply.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describeWithTooling } from "./engine-suite";
import { findOnPath, isExecutable, locatePulumiCli, REPO_ROOT } from "./pulumi-cli";

export const PYTHON_LANGUAGE_HOST = "pulumi-language-python";

/** The cached virtual environment with `pulumi`, or why there is none. */
export function locatePythonEnv(): { venv?: string; missing?: string } {
  const binDir = locatePulumiCli().cli?.binDir;
  const host =
    (binDir && isExecutable(path.join(binDir, PYTHON_LANGUAGE_HOST))) ||
    findOnPath(PYTHON_LANGUAGE_HOST, process.env.PATH ?? "");
  if (!host) return { missing: `no ${PYTHON_LANGUAGE_HOST} next to the Pulumi CLI nor on PATH` };
  const located = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-python.sh"), "--locate"], {
    encoding: "utf8",
  });
  const venv = located.stdout.trim().split("\n").pop();
  if (located.status !== 0 || !venv) return { missing: located.stderr.trim() };
  return { venv };
}

export function describeWithPython(name: string, body: (venv: () => string) => void): void {
  let venv: string | undefined;
  describeWithTooling(
    name,
    "scripts/ensure-python.sh",
    () => {
      const located = locatePythonEnv();
      venv = located.venv;
      return located.missing;
    },
    () => body(() => venv as string),
  );
}

/**
 * A virtual environment of the project's own at `dir` that sees the cached one's packages (a .pth line), so
 * `pulumi package add` installs the generated SDK here and nothing into the shared cache, without a second
 * download of `pulumi`.
 */
export function projectVirtualEnv(dir: string, cachedVenv: string): void {
  const made = spawnSync("python3", ["-m", "venv", dir], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`python3 -m venv ${dir}: ${made.stderr}`);
  const purelib = (venv: string) =>
    spawnSync(
      path.join(venv, "bin", "python"),
      ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
      {
        encoding: "utf8",
      },
    ).stdout.trim();
  fs.writeFileSync(path.join(purelib(dir), "alicloud-vpn-cached-pulumi.pth"), `${purelib(cachedVenv)}\n`);
}
