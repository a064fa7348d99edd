/**
 * The engine test harness (tests/e2e/harness.ts) as the bench uses it from dist/bench: its CLI lookup and
 * projects, under BENCH_WORK_DIR, with the package installed once for all of them.
 */
import * as fs from "fs";
import * as path from "path";
import {
  createPulumiProject,
  installThisPackage,
  PulumiProject,
  type ProjectOptions,
} from "../../tests/e2e/harness";
import { locatePulumiCli, type PulumiCli } from "../../tests/e2e/pulumi-cli";
import { BENCH_WORK_DIR } from "../paths";

/** Finds the CLI scripts/ensure-pulumi.sh built (never builds it: that takes minutes). */
export function locateCli(): PulumiCli {
  const located = locatePulumiCli();
  if (!located.cli) {
    throw new Error(`No Pulumi CLI (${located.missing}). Build it once with: bash scripts/ensure-pulumi.sh`);
  }
  return located.cli;
}

/**
 * Once per bench run: the package as `npm pack` ships it, in BENCH_WORK_DIR/node_modules, where every bench
 * project finds it by name.
 */
export function prepareEngineRuns(): void {
  fs.mkdirSync(BENCH_WORK_DIR, { recursive: true });
  installThisPackage(BENCH_WORK_DIR);
}

/** A project (program files, stack, config) under BENCH_WORK_DIR; dispose() removes it unless BENCH_KEEP=1. */
export function createBenchProject(
  options: Omit<ProjectOptions, "installPackage" | "programDir" | "workRoot">,
): Promise<PulumiProject> {
  return createPulumiProject({
    keep: process.env.BENCH_KEEP === "1",
    commandTimeoutMs: 600_000,
    ...options,
    workRoot: BENCH_WORK_DIR,
  });
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
