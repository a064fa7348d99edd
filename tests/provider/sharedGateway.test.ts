/**
 * Two provider processes writing to one gateway (two stacks on a shared hub): each orders only its own writes, so
 * they meet at the gateway's busy answers. A write refused as busy waits for the gateway to be active again and
 * goes at once, instead of the backoff's jittered second, two, four... while the gateway idles.
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
 * The longest the gateway may stand idle between one write's end and the next write: about one look at it by the
 * process that was refused (every 200 ms before it has timed a write of its own), and the request's way. The
 * backoff alone, its jitter pinned high below, left it idle 900 ms, then 1.8 s, 3.6 s...
 */
const IDLE_WITHIN_MS = 400;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ configDelayMs: CONFIG_DELAY_MS, seed: 51 });
});
afterAll(async () => emulator?.stop());

/** A provider process of its own: its own runtime, gateway objects, lock and budget. */
function providerProcess(): Runtime {
  const process = new Runtime();
  process.setOptions({ deadlineMs: 60_000, client: { random: () => 0.9 } });
  process.configure({
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
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

test("two processes' creates on one gateway: each exactly once, the gateway idle no longer than a look between them", async () => {
  const [a, b] = [providerProcess(), providerProcess()];
  await Promise.all([...creates(a, 71), ...creates(b, 72)]);

  expect(emulator.routes(GW)).toHaveLength(2 * ROUTES_PER_PROCESS);
  const log = emulator.requestLog().filter((e) => e.action === "CreateVpnRouteEntry");
  expect(log.filter((e) => e.status === 200)).toHaveLength(2 * ROUTES_PER_PROCESS);
  const refused = log.filter((e) => e.status !== 200);
  // The two processes did meet at the gateway (each process's own writes never do).
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((e) => BUSY_CODES.includes(e.code ?? ""))).toBe(true);
  // Between two processes' writes the gateway stood idle no longer than a look.
  const applied = log.filter((e) => e.status === 200).map((e) => e.time);
  const idle = applied.slice(1).map((t, i) => t - (applied[i] + CONFIG_DELAY_MS));
  expect(Math.max(...idle)).toBeLessThan(IDLE_WITHIN_MS);
}, 60_000);
