/** The terraform-like schedule against its own emulator, the same gateways and delay as a converge run. */
import * as os from "os";
import * as path from "path";
import { v4 as uuidv4 } from "uuid";
import { seededRandom } from "../../emulator/random";
import { VpcClient } from "../../provider/api";
import { runTerraformSchedule, TERRAFORM_PARALLELISM, type BaselineResult } from "../baseline";
import { BENCH_SEED, startBenchEmulator, totalCalls } from "../emulators";
import { BENCH_REGION, benchGateways, limitSeconds, ratio } from "../topology";

export interface BaselineRun extends BaselineResult {
  routes: number;
  gateways: number;
  configDelayMs: number;
  parallelism: number;
  limitSeconds: number;
  ratio: number;
  apiCalls: number;
  callsByAction: Record<string, number>;
}

export async function runBaseline(setup: {
  routes: number;
  gateways: number;
  configDelayMs: number;
}): Promise<BaselineRun> {
  const gateways = benchGateways(setup.routes, setup.gateways);
  const emulator = await startBenchEmulator({ gateways, configDelayMs: setup.configDelayMs });
  const client = new VpcClient({
    endpoint: emulator.endpoint,
    region: BENCH_REGION,
    credentials: emulator.credentials,
    // One attempt per call: the schedule below is the retry policy. Nothing read from this machine's setup.
    maxAttempts: 1,
    env: {},
    homeDir: path.join(os.tmpdir(), "alicloud-vpn-routes-bench-no-home"),
  });
  try {
    const result = await runTerraformSchedule({
      api: client,
      gateways,
      newToken: uuidv4,
      random: seededRandom(BENCH_SEED),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: Date.now,
    });
    const counts = emulator.counts();
    const limit = limitSeconds(setup.routes, setup.gateways, setup.configDelayMs);
    return {
      ...setup,
      ...result,
      parallelism: TERRAFORM_PARALLELISM,
      limitSeconds: limit,
      ratio: ratio(result.seconds, limit),
      apiCalls: totalCalls(counts),
      callsByAction: counts,
    };
  } finally {
    client.destroy();
    await emulator.stop();
  }
}
