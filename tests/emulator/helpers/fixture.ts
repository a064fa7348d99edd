/** One emulator per test with a pinned clock, and the routine of advancing past a write's configuration delay. */
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../../emulator";
import { type TestClock, testClock } from "./clock";

export const REGION = "cn-hangzhou";
export const GW = "vpn-test0000000000000001";
export const GW2 = "vpn-test0000000000000002";
export const DELAY_MS = 20;

export interface Fixture {
  emulator: RunningEmulator;
  clock: TestClock;
  /** Moves the clock past the configuration delay of the last write. */
  settle(): void;
}

export async function fixture(options: EmulatorOptions = {}): Promise<Fixture> {
  const clock = testClock();
  const emulator = await startEmulator({
    configDelayMs: DELAY_MS,
    seed: 42,
    clock: clock.now,
    gateways: [
      { vpnGatewayId: GW, regionId: REGION },
      { vpnGatewayId: GW2, regionId: REGION },
    ],
    ...options,
  });
  return { emulator, clock, settle: () => clock.advance(DELAY_MS) };
}

/** Parameters naming GW in REGION, plus the given ones. */
export const onGw = (params: Record<string, unknown> = {}, gw = GW) => ({
  RegionId: REGION,
  VpnGatewayId: gw,
  ...params,
});
