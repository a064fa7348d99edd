/** Emulators for the bench: its gateways, a pinned seed, and the environment a Pulumi project needs to use one. */
import { startEmulator, type FaultOptions, type RateLimitOptions, type RunningEmulator } from "../emulator";
import {
  BENCH_NEXT_HOP,
  BENCH_REGION,
  BENCH_STANDBY_HOP,
  type BenchGateway,
  type ConfigDelayMs,
} from "./topology";

/** Request IDs, generated keys and fault dice repeat from run to run. */
export const BENCH_SEED = 7;
/** Entries allowed per table: the emulator's default (100) is below the 1,000-route refresh scenario. */
export const BENCH_ROUTE_QUOTA = 5_000;

export interface BenchEmulatorOptions {
  gateways: BenchGateway[];
  configDelayMs: ConfigDelayMs;
  faults?: FaultOptions;
  /**
   * Off unless a scenario measures them: the converge, faults and large-stack figures measure the engine and
   * the gateways, and were taken before the emulator had Alibaba's per-API rate limits. @default false
   */
  rateLimits?: RateLimitOptions | false;
}

export function startBenchEmulator(options: BenchEmulatorOptions): Promise<RunningEmulator> {
  return startEmulator({
    configDelayMs: options.configDelayMs,
    seed: BENCH_SEED,
    gateways: options.gateways.map((g) => ({
      vpnGatewayId: g.vpnGatewayId,
      regionId: BENCH_REGION,
      routeQuota: BENCH_ROUTE_QUOTA,
      vpnConnections: [BENCH_NEXT_HOP, BENCH_STANDBY_HOP],
    })),
    faults: options.faults,
    rateLimits: options.rateLimits ?? false,
  });
}

/**
 * What the provider process reads at call time (terraform's variable names); never written to state. With
 * `rateLimited` false (the emulator's limits off) the provider's call budget is off too, so the figures
 * measure what they measured before the limits existed.
 */
export function providerEnv(emulator: RunningEmulator, rateLimited = false): Record<string, string> {
  return {
    ...(rateLimited ? {} : { ALICLOUD_VPN_RATE_LIMITS: "off" }),
    ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint,
    ALICLOUD_ACCESS_KEY: emulator.credentials.accessKeyId,
    ALICLOUD_SECRET_KEY: emulator.credentials.accessKeySecret,
    ALICLOUD_REGION: BENCH_REGION,
  };
}

export function totalCalls(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
