/** How big each scenario is: the full bench (under 10 minutes on 2 cores) and `--quick` (under 1 minute). */
import type { FaultOptions } from "../emulator";

export interface BenchScale {
  name: "full" | "quick";
  converge: {
    /** The headline: plain `pulumi up` (the CLI's default parallelism). */
    routes: number;
    gateways: number;
    configDelayMs: number;
    /** Route counts for the chart, each run with `--parallel` = route count. */
    points: number[];
  };
  refresh: {
    routes: number;
    /** Creating the stack first (not measured). */
    setupConfigDelayMs: number;
    setupParallel: number;
  };
  faults: {
    routes: number;
    gateways: number;
    configDelayMs: number;
    faults: FaultOptions;
  };
  /** Plain `pulumi up` at Alibaba's documented per-API rate limits, in one region. */
  rateLimited: { routes: number; gateways: number; configDelayMs: number };
  /** Plain `pulumi up` beside the engine's floor, at `routes` and at each count of the curve. */
  scale: { routes: number; gateways: number; configDelayMs: number; points: number[] };
}

/** The fault mix of the brief: throttling 20%, server errors 5%, lost responses 5%. */
export const FAULT_MIX: FaultOptions = {
  throttlePct: 20,
  serverErrorPct: 5,
  resetAfterApplyPct: 5,
  seed: 3,
};

export const FULL_SCALE: BenchScale = {
  name: "full",
  converge: { routes: 100, gateways: 4, configDelayMs: 1000, points: [25, 50, 100] },
  refresh: { routes: 1000, setupConfigDelayMs: 1, setupParallel: 64 },
  // 1 s per write: the fault mix costs about 0.5 s a write (a throttled call waits the 1 s x-acs-retry-after),
  // so a shorter delay would measure the mix's fixed cost more than the provider's handling of it.
  faults: { routes: 200, gateways: 4, configDelayMs: 1000, faults: FAULT_MIX },
  // 100 creates at 60 per 60 s: past the first 60, one a second; the gateways alone would take 25 s.
  rateLimited: { routes: 100, gateways: 4, configDelayMs: 1000 },
  // The 2,000-route point is measured on its own (`--scale-point 2000`, run.ts): with checkpoints on, the file
  // backend writes O(N^2) bytes, and that pair of runs alone (ours and the floor, 7 to 8 minutes on 2 CPUs)
  // would take the full bench past its 12 minutes. A full run keeps it from latest.json, with its own date and commit.
  scale: { routes: 1000, gateways: 10, configDelayMs: 200, points: [100, 250, 500, 1000] },
};

export const QUICK_SCALE: BenchScale = {
  name: "quick",
  converge: { routes: 12, gateways: 4, configDelayMs: 250, points: [] },
  refresh: { routes: 100, setupConfigDelayMs: 1, setupParallel: 64 },
  faults: { routes: 16, gateways: 4, configDelayMs: 250, faults: FAULT_MIX },
  // Just past one bucket of creates, so the budget has to queue a few.
  rateLimited: { routes: 66, gateways: 4, configDelayMs: 250 },
  // One point: two engine runs of several seconds each (the curve is the full bench's). Ten routes a gateway,
  // so the requests a route are not mostly each gateway's listing and first, unlearned wait.
  scale: { routes: 40, gateways: 4, configDelayMs: 200, points: [] },
};
