/**
 * The incumbent's schedule, for comparison: how terraform-provider-alicloud creates `alicloud_vpn_route_entry`
 * resources (alicloud/resource_alicloud_vpn_route_entry.go, resourceAliyunVpnRouteEntryCreate), driven against
 * the emulator with this package's client at one attempt per call:
 * - no ordering per gateway: up to TERRAFORM_PARALLELISM creates at once (terraform's default -parallelism),
 *   in an order of its own (a seeded shuffle here; terraform's graph walk gives no order);
 * - on VpnGateway.Configuring, throttling or a server error: wait 3 s the first time and 5 s after that
 *   (`incrementalWait(3*time.Second, 5*time.Second)`, whose increase never accumulates), then try again with a
 *   NEW ClientToken (`request["ClientToken"] = buildClientToken(action)` inside the retry);
 * - no DescribeVpnGateway status polling;
 * - after the create: `BuildStateConf(..., 5*time.Second, ...)`: 5 s delay, then the route listing every 3 s
 *   (MinTimeout) until the route shows, then the resource Read (one more listing).
 * Left out, in terraform's favour: the plugin SDK's own back-off between retries (resource.Retry, 0.5 s rising
 * to 10 s), and terraform's own start-up and state handling.
 */
import { VpcApiError, VpcClient } from "../provider/api";
import { BENCH_NEXT_HOP, BENCH_REGION, type BenchGateway } from "./topology";

export const TERRAFORM_PARALLELISM = 10;
export const TERRAFORM_FIRST_RETRY_WAIT_MS = 3_000;
export const TERRAFORM_RETRY_WAIT_MS = 5_000;
export const TERRAFORM_STATE_DELAY_MS = 5_000;
export const TERRAFORM_STATE_POLL_MS = 3_000;
/** `schema.DefaultTimeout(5 * time.Minute)` for create. */
export const TERRAFORM_CREATE_TIMEOUT_MS = 5 * 60_000;
const BUSY_CODE = "VpnGateway.Configuring";

/** The calls the schedule makes; VpcClient has them. */
export interface BaselineApi {
  createVpnRouteEntry: VpcClient["createVpnRouteEntry"];
  describeVpnRouteEntries: VpcClient["describeVpnRouteEntries"];
}

export interface BaselineOptions {
  api: BaselineApi;
  gateways: BenchGateway[];
  /** @default TERRAFORM_PARALLELISM */
  parallelism?: number;
  /** A new ClientToken per attempt. */
  newToken: () => string;
  /** Uniform in [0, 1): the order creates start in. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export interface BaselineResult {
  seconds: number;
  created: number;
  failed: number;
  /** Create attempts, the first ones included. */
  createAttempts: number;
  /** Attempts refused because the gateway was busy. */
  busyRefusals: number;
  /** Every attempt's ClientToken was new. */
  distinctTokens: number;
}

interface RouteJob {
  vpnGatewayId: string;
  routeDest: string;
}

/** Terraform retries these (IsExpectedErrors(err, {"VpnGateway.Configuring"}) || NeedRetry(err)). */
export function terraformRetries(err: unknown): boolean {
  return err instanceof VpcApiError && (err.code === BUSY_CODE || err.kind === "retryable");
}

export function terraformWait(retry: number): number {
  return retry === 1 ? TERRAFORM_FIRST_RETRY_WAIT_MS : TERRAFORM_RETRY_WAIT_MS;
}

/** Fisher-Yates with the given random source. */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function runTerraformSchedule(options: BaselineOptions): Promise<BaselineResult> {
  const { api, sleep, now } = options;
  const jobs = shuffled(
    options.gateways.flatMap((g) =>
      g.routeDests.map((routeDest) => ({ vpnGatewayId: g.vpnGatewayId, routeDest })),
    ),
    options.random,
  );
  const tokens = new Set<string>();
  const result: BaselineResult = {
    seconds: 0,
    created: 0,
    failed: 0,
    createAttempts: 0,
    busyRefusals: 0,
    distinctTokens: 0,
  };
  const started = now();

  const create = async (job: RouteJob) => {
    const deadline = now() + TERRAFORM_CREATE_TIMEOUT_MS;
    for (let retry = 1; ; retry++) {
      const ClientToken = options.newToken();
      tokens.add(ClientToken);
      result.createAttempts++;
      try {
        await api.createVpnRouteEntry(
          {
            RegionId: BENCH_REGION,
            VpnGatewayId: job.vpnGatewayId,
            RouteDest: job.routeDest,
            NextHop: BENCH_NEXT_HOP,
            Weight: 100,
            PublishVpc: true,
          },
          { clientToken: ClientToken },
        );
        return;
      } catch (err) {
        if (err instanceof VpcApiError && err.code === BUSY_CODE) result.busyRefusals++;
        if (!terraformRetries(err) || now() + terraformWait(retry) > deadline) throw err;
        await sleep(terraformWait(retry));
      }
    }
  };

  const listed = async (job: RouteJob) => {
    const entries = await api.describeVpnRouteEntries({
      RegionId: BENCH_REGION,
      VpnGatewayId: job.vpnGatewayId,
    });
    return entries.some((e) => e.RouteDest === job.routeDest && e.NextHop === BENCH_NEXT_HOP);
  };

  const one = async (job: RouteJob) => {
    await create(job);
    await sleep(TERRAFORM_STATE_DELAY_MS);
    while (!(await listed(job))) await sleep(TERRAFORM_STATE_POLL_MS);
    await listed(job); // resourceAliyunVpnRouteEntryRead
  };

  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      try {
        await one(job);
        result.created++;
      } catch {
        result.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.parallelism ?? TERRAFORM_PARALLELISM }, worker));
  result.seconds = (now() - started) / 1000;
  result.distinctTokens = tokens.size;
  return result;
}
