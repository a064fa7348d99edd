/** What was run, on what machine, and when: recorded beside every result. */
import { spawnSync } from "child_process";
import * as os from "os";
import { REPO_ROOT } from "./paths";

export interface BenchMeta {
  mode: "full" | "quick";
  command: string;
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  gitCommit: string;
  /** Uncommitted changes in the work tree when the bench ran. */
  gitDirty: boolean;
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1-minute load average at the start and the end: the machine is shared. */
  loadAverageStart: number;
  loadAverageEnd?: number;
  os: string;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
  languageRuntime: string;
}

function git(args: string[]): string {
  const out = spawnSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" });
  return out.status === 0 ? out.stdout.trim() : "unknown";
}

export function startMeta(mode: BenchMeta["mode"], pulumiCli: string, languageRuntime: string): BenchMeta {
  const sdk = require("@pulumi/pulumi/package.json") as { version: string };
  return {
    mode,
    command: ["npm run bench", ...(mode === "quick" ? ["--", "--quick"] : [])].join(" "),
    startedAt: new Date().toISOString(),
    gitCommit: git(["rev-parse", "--short", "HEAD"]),
    gitDirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageStart: round2(os.loadavg()[0]),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumiCli,
    pulumiSdk: sdk.version,
    languageRuntime,
  };
}

export function finishMeta(meta: BenchMeta, startedMs: number): BenchMeta {
  return {
    ...meta,
    finishedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - startedMs) / 100) / 10,
    loadAverageEnd: round2(os.loadavg()[0]),
  };
}

/** The run in one line, for a result's Markdown: command, when, at which commit, versions, machine and its load. */
export function runLine(m: BenchMeta, command: string = m.command): string {
  return (
    `\`${command}\`, ${m.startedAt} at \`${m.gitCommit}\`${m.gitDirty ? " (uncommitted changes)" : ""}; ` +
    `Node.js ${m.node}, Pulumi CLI ${m.pulumiCli}, @pulumi/pulumi ${m.pulumiSdk}, ${m.languageRuntime}; ` +
    `${m.nproc} CPUs, load ${m.loadAverageStart} to ${m.loadAverageEnd}.`
  );
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
