/** The terraform-like schedule against the real emulator, its fixed waits scaled down 100x. */
import * as os from "os";
import * as path from "path";
import { v4 as uuidv4 } from "uuid";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { seededRandom } from "../../emulator/random";
import { VpcApiError, VpcClient } from "../../provider/api";
import {
  runTerraformSchedule,
  shuffled,
  TERRAFORM_FIRST_RETRY_WAIT_MS,
  TERRAFORM_RETRY_WAIT_MS,
  TERRAFORM_STATE_DELAY_MS,
  terraformRetries,
  terraformWait,
} from "../baseline";
import { BENCH_REGION, benchGateways } from "../topology";

const SCALE = 100;

describe("terraform-like baseline schedule", () => {
  let emulator: RunningEmulator;
  let client: VpcClient;
  const gateways = benchGateways(6, 1);

  beforeAll(async () => {
    emulator = await startEmulator({
      // Long enough that six writers started together all meet the first one's write even on a loaded machine
      // (at 20 ms a busy CI machine let some through one by one).
      configDelayMs: 500,
      seed: 1,
      gateways: gateways.map((g) => ({ vpnGatewayId: g.vpnGatewayId, regionId: BENCH_REGION })),
    });
    client = new VpcClient({
      endpoint: emulator.endpoint,
      region: BENCH_REGION,
      credentials: emulator.credentials,
      maxAttempts: 1,
      env: {},
      homeDir: path.join(os.tmpdir(), "no-such-home-for-bench-tests"),
    });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.stop();
  });

  it("creates every route without ordering: busy refusals, 3 s then 5 s waits, a new token per attempt", async () => {
    const waits: number[] = [];
    const result = await runTerraformSchedule({
      api: client,
      gateways,
      newToken: uuidv4,
      random: seededRandom(5),
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms / SCALE));
      },
      now: Date.now,
    });

    const gw = gateways[0].vpnGatewayId;
    expect(result).toMatchObject({ created: 6, failed: 0 });
    expect(
      emulator
        .routes(gw)
        .map((r) => r.RouteDest)
        .sort(),
    ).toEqual([...gateways[0].routeDests].sort());

    const creates = emulator.requestLog().filter((e) => e.action === "CreateVpnRouteEntry");
    expect(result.createAttempts).toBe(creates.length);
    // Six writers at once on one gateway: all but one are refused at first.
    expect(result.busyRefusals).toBe(creates.filter((e) => e.code === "VpnGateway.Configuring").length);
    expect(result.busyRefusals).toBeGreaterThanOrEqual(5);
    // No idempotency across its own retries: every attempt carries a token never sent before.
    expect(new Set(creates.map((e) => e.params.ClientToken)).size).toBe(creates.length);
    expect(result.distinctTokens).toBe(creates.length);
    // No gateway status polling.
    expect(emulator.counts().DescribeVpnGateway).toBeUndefined();

    const attemptsPerRoute = new Map<string, number>();
    for (const e of creates)
      attemptsPerRoute.set(e.params.RouteDest, (attemptsPerRoute.get(e.params.RouteDest) ?? 0) + 1);
    const retried = [...attemptsPerRoute.values()].filter((n) => n > 1).length;
    const retries = creates.length - 6;
    expect(waits.filter((w) => w === TERRAFORM_FIRST_RETRY_WAIT_MS)).toHaveLength(retried);
    // Later retries wait 5 s, and every route waits the 5 s state delay once.
    expect(waits.filter((w) => w === TERRAFORM_RETRY_WAIT_MS)).toHaveLength(retries - retried + 6);
    expect(TERRAFORM_STATE_DELAY_MS).toBe(TERRAFORM_RETRY_WAIT_MS);
  });

  it("retries what terraform retries and nothing else", () => {
    const err = (code: string, kind: VpcApiError["kind"]) =>
      new VpcApiError({ action: "CreateVpnRouteEntry", code, apiMessage: "m", kind, httpStatus: 400 });
    expect(terraformRetries(err("VpnGateway.Configuring", "busy"))).toBe(true);
    expect(terraformRetries(err("Throttling.User", "retryable"))).toBe(true);
    expect(terraformRetries(err("TaskConflict", "busy"))).toBe(false);
    expect(terraformRetries(err("InvalidParameter", "final"))).toBe(false);
    expect(terraformRetries(new Error("bug"))).toBe(false);
    expect([1, 2, 3].map(terraformWait)).toEqual([3000, 5000, 5000]);
  });

  it("shuffles deterministically from the seed, keeping every item", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffled(items, seededRandom(9));
    expect(a).toEqual(shuffled(items, seededRandom(9)));
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });
});
