/**
 * Two provider processes writing to one gateway (two stacks on a shared hub): each orders only its own writes, so
 * they meet at the gateway's busy answers. A write refused as busy waits for the gateway to be active again and
 * goes at once, instead of the backoff's jittered second, two, four... while the gateway idles. Asserted on the
 * mechanism (the retry follows its process's look), not on the gateway's idle time, which a loaded machine and
 * the apply time a process learns while another writes (docs/teams.md) stretch.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { BUSY_CODES } from "../../provider/api/codes";
import { Runtime } from "../../provider/runtime";
import type { RouteInputs } from "../../provider/types";
import { GW, REGION, VCO } from "./world";

/** Each write keeps the gateway busy this long (real time). */
const CONFIG_DELAY_MS = 150;
const ROUTES_PER_PROCESS = 6;
/**
 * How soon after its look at the gateway a refused write goes again: at once (the request's way, and the event
 * loop of a loaded machine). The backoff alone, its jitter pinned high below, sends it 900 ms after the refusal,
 * with no look in between.
 */
const RETRY_AFTER_LOOK_WITHIN_MS = 250;
/** Each process signs with its own key, so the emulator's log tells their requests apart. */
const KEYS = [
  { accessKeyId: "LTAIprocessA0000000001", accessKeySecret: "secret-a" },
  { accessKeyId: "LTAIprocessB0000000001", accessKeySecret: "secret-b" },
];

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ configDelayMs: CONFIG_DELAY_MS, seed: 51, credentials: KEYS });
});
afterAll(async () => emulator?.stop());

/** A provider process of its own: its own runtime, gateway objects, lock and budget. */
function providerProcess(key: (typeof KEYS)[number]): Runtime {
  const process = new Runtime();
  process.setOptions({ deadlineMs: 60_000, client: { random: () => 0.9 } });
  process.configure({
    "alicloud:accessKey": key.accessKeyId,
    "alicloud:secretKey": key.accessKeySecret,
    "alicloud:region": REGION,
    "alicloud-vpn:endpoint": emulator.endpoint,
  });
  return process;
}

function creates(process: Runtime, second: number): Promise<unknown>[] {
  return Array.from({ length: ROUTES_PER_PROCESS }, (_, i) => {
    const inputs = {
      vpnGatewayId: GW,
      routeDest: `10.${second}.${i}.0/24`,
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
    } as RouteInputs;
    return process.vpnRouteEntry.create(inputs);
  });
}

test("two processes' creates on one gateway: each exactly once, a refused write goes again as soon as a look finds the gateway active", async () => {
  const [a, b] = [providerProcess(KEYS[0]), providerProcess(KEYS[1])];
  await Promise.all([...creates(a, 71), ...creates(b, 72)]);

  expect(emulator.routes(GW)).toHaveLength(2 * ROUTES_PER_PROCESS);
  const log = emulator.requestLog().filter((e) => e.action === "CreateVpnRouteEntry");
  expect(log.filter((e) => e.status === 200)).toHaveLength(2 * ROUTES_PER_PROCESS);
  const refused = log.filter((e) => e.status !== 200);
  // The two processes did meet at the gateway (each process's own writes never do).
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((e) => BUSY_CODES.includes(e.code ?? ""))).toBe(true);
  // Each refused write went again at once after its process looked at the gateway (after the refusal) and found
  // it active, not after a backoff.
  const all = emulator.requestLog();
  for (const refusal of refused) {
    const retry = log.find(
      (r) => r.params.ClientToken === refusal.params.ClientToken && r.time > refusal.time,
    )!;
    const looks = all.filter(
      (e) =>
        e.action === "DescribeVpnGateway" &&
        e.accessKeyId === refusal.accessKeyId &&
        e.time >= refusal.time &&
        e.time <= retry.time,
    );
    expect(looks.length).toBeGreaterThan(0);
    expect(retry.time - looks[looks.length - 1].time).toBeLessThan(RETRY_AFTER_LOOK_WITHIN_MS);
  }
}, 60_000);
