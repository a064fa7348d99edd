/**
 * Peak memory of an engine command's processes, read from /proc while it runs (Linux): the CLI itself (the
 * engine), the program (Node running @pulumi/pulumi's cmd/run; for a YAML program, pulumi-language-yaml, which
 * evaluates it in its own process) and the provider (the dynamic provider host, cmd/dynamic-provider, or this
 * package's provider plugin, dist/plugin/main.js).
 * VpmHWM is the kernel's own high-water mark of a process's resident set, so sampling misses no peak that
 * lasted; a process that exits between samples keeps the last mark read.
 */
import * as fs from "fs";
import { descendantsOf } from "../../tests/e2e/harness";

export interface PeakMemory {
  programPeakMiB: number;
  providerPeakMiB: number;
  cliPeakMiB: number;
}

const SAMPLE_MS = 200;
/** The provider plugin as pulumi-resource-alicloud-vpn runs it: `node <package>/dist/plugin/main.js`. */
const PLUGIN_MAIN = /dist[/\\]plugin[/\\]main\.js\b/;
const KIB_PER_MIB = 1024;

function roleOf(pid: number): keyof PeakMemory | undefined {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return undefined;
  }
  if (cmdline.includes("dynamic-provider") || PLUGIN_MAIN.test(cmdline)) return "providerPeakMiB";
  if (/cmd[/\\]run\b/.test(cmdline) || cmdline.includes("pulumi-language-yaml")) return "programPeakMiB";
  return undefined;
}

function highWaterKiB(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the processes below `root` until stop() is called; stop() returns the peaks in MiB. */
export function watchPeakMemory(root: number): { stop(): PeakMemory } {
  const peaks: Record<keyof PeakMemory, number> = { programPeakMiB: 0, providerPeakMiB: 0, cliPeakMiB: 0 };
  const sample = () => {
    peaks.cliPeakMiB = Math.max(peaks.cliPeakMiB, highWaterKiB(root));
    for (const pid of descendantsOf(root)) {
      const role = roleOf(pid);
      if (role) peaks[role] = Math.max(peaks[role], highWaterKiB(pid));
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const mib = (kib: number) => Math.round((kib / KIB_PER_MIB) * 10) / 10;
      return {
        programPeakMiB: mib(peaks.programPeakMiB),
        providerPeakMiB: mib(peaks.providerPeakMiB),
        cliPeakMiB: mib(peaks.cliPeakMiB),
      };
    },
  };
}
