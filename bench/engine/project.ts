/**
 * The engine test harness (tests/e2e/harness.ts) as the bench uses it from dist/bench.
 *
 * Why not createPulumiProject(): compiled to dist/tests/e2e, the harness takes dist/ for the repository root,
 * so its CLI lookup (scripts/ensure-pulumi.sh), its package install (package.json) and its client host
 * (client-host.js, which tsc does not copy) point at files that are not there. The bench locates the CLI
 * itself, builds PulumiProject directly, installs the package once for all its projects, and puts the client
 * host script where the compiled harness looks for it. Everything else (CLI runs, event logs, environment
 * isolation) is the harness's own.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CLIENT_HOST_SCRIPT } from "../../tests/e2e/client-host-process";
import { PulumiProject, type ProjectOptions } from "../../tests/e2e/harness";
import { findOnPath, isExecutable, LANGUAGE_HOST, type PulumiCli } from "../../tests/e2e/pulumi-cli";
import { BENCH_WORK_DIR, REPO_ROOT } from "../paths";

const ENSURE_PULUMI = path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh");
/** Where the client host script lives in the sources (it moved from tests/e2e/ to scripts/). */
const CLIENT_HOST_SOURCE_DIRS = [path.join(REPO_ROOT, "scripts"), path.join(REPO_ROOT, "tests", "e2e")];
/** `npm pack` leaves these builds out (package.json "files"); so does the bench's install. */
const NOT_PACKED = ["tests", "examples", "bench"];
const PACKAGE_NAME = "alicloud-vpn-routes";

/** Finds the CLI scripts/ensure-pulumi.sh built (never builds it: that takes minutes). */
export function locateCli(): PulumiCli {
  const located = spawnSync("bash", [ENSURE_PULUMI, "--locate"], { encoding: "utf8" });
  const binDir = located.stdout.trim().split("\n").pop() ?? "";
  if (located.status !== 0 || !binDir) {
    throw new Error(
      `No Pulumi CLI: ${ENSURE_PULUMI} --locate failed (${located.stderr.trim()}). Build it once with: bash scripts/ensure-pulumi.sh`,
    );
  }
  const version = spawnSync(path.join(binDir, "pulumi"), ["version"], { encoding: "utf8" });
  if (version.status !== 0) throw new Error(`pulumi version failed: ${version.stderr.trim()}`);
  const besideCli = path.join(binDir, LANGUAGE_HOST);
  const languageHost = isExecutable(besideCli)
    ? besideCli
    : findOnPath(LANGUAGE_HOST, process.env.PATH ?? "");
  return { binDir, version: version.stdout.trim(), languageHost };
}

/**
 * Once per bench run: the package as `npm pack` ships it, in BENCH_WORK_DIR/node_modules, where every bench
 * project finds it by name (a copy, not a symlink: the closure serializer must see it under node_modules), and
 * the client host scripts beside the compiled harness.
 */
export function prepareEngineRuns(): void {
  const dist = path.join(REPO_ROOT, "dist");
  if (!fs.existsSync(path.join(dist, "index.js"))) {
    throw new Error(`${dist}/index.js is missing: run npm run build first`);
  }
  const target = path.join(BENCH_WORK_DIR, "node_modules", PACKAGE_NAME);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(target, "package.json"));
  const excluded = NOT_PACKED.map((d) => path.join(dist, d));
  fs.cpSync(dist, path.join(target, "dist"), { recursive: true, filter: (src) => !excluded.includes(src) });
  // The client host and the plain JS files it loads from its own directory (the inspect-colors guard).
  const expectedDir = path.dirname(CLIENT_HOST_SCRIPT);
  const sourceDir = CLIENT_HOST_SOURCE_DIRS.find((d) =>
    fs.existsSync(path.join(d, path.basename(CLIENT_HOST_SCRIPT))),
  );
  if (!sourceDir)
    throw new Error(`no ${path.basename(CLIENT_HOST_SCRIPT)} in ${CLIENT_HOST_SOURCE_DIRS.join(" or ")}`);
  if (path.resolve(expectedDir) !== path.resolve(sourceDir)) {
    fs.mkdirSync(expectedDir, { recursive: true });
    for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith(".js"))) {
      fs.copyFileSync(path.join(sourceDir, file), path.join(expectedDir, file));
    }
  }
}

/** A project (program files, stack, config) under BENCH_WORK_DIR; dispose() removes it unless BENCH_KEEP=1. */
export async function createBenchProject(
  cli: PulumiCli,
  options: Omit<ProjectOptions, "installPackage" | "programDir">,
): Promise<PulumiProject> {
  fs.mkdirSync(BENCH_WORK_DIR, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(BENCH_WORK_DIR, `${options.name ?? "bench"}-`));
  const project = new PulumiProject(cli, workDir, {
    keep: process.env.BENCH_KEEP === "1",
    commandTimeoutMs: 600_000,
    ...options,
  });
  try {
    await project.init(options);
  } catch (err) {
    await project.dispose();
    throw err;
  }
  return project;
}

/** Size in bytes of the stack's state file on the project's file backend. */
export function stateFileBytes(project: PulumiProject): number {
  const stacksDir = path.join(project.workDir, "state", ".pulumi", "stacks");
  const files = listFiles(stacksDir).filter((f) => path.basename(f) === `${project.stack}.json`);
  if (files.length !== 1)
    throw new Error(`expected one state file for stack ${project.stack} in ${stacksDir}`);
  return fs.statSync(files[0]).size;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
