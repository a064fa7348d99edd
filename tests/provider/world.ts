/**
 * A provider process in miniature: the emulator on 127.0.0.1, the runtime registered in this Jest module
 * registry (so the exported provider objects use these sources), configured through configure() as the
 * provider host would, with time compressed and randomness pinned.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { vpnPbrRouteEntryProvider, vpnRouteEntryProvider } from "../../provider/resourceProviders";
import { runtime } from "../../provider/runtime";
import type { RouteInputs, RouteOutputs } from "../../provider/types";

export const REGION = "cn-hangzhou";
export const GW = "vpn-emu00000000000000001";
export const GW2 = "vpn-emu00000000000000002";
export const VCO = "vco-emu00000000000000001";
export const VCO2 = "vco-emu00000000000000002";

import { seeded } from "../support/seededRandom";

export { seeded };

/** Real waits, but capped: retry backoff and polling keep their logic without costing seconds. */
export const compressedSleep =
  (capMs: number) =>
  (ms: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, Math.min(ms, capMs)));

export function stackConfig(values: Record<string, string>) {
  return { get: (key: string) => values[key], require: (key: string) => values[key] };
}

export interface World {
  emulator: RunningEmulator;
  dbr: typeof vpnRouteEntryProvider;
  pbr: typeof vpnPbrRouteEntryProvider;
  config: Record<string, string>;
  /** What the runtime told the user (notices.ts), in order. */
  notices: string[];
  stop(): Promise<void>;
}

export async function startWorld(
  options: EmulatorOptions = {},
  config: Record<string, string> = {},
): Promise<World> {
  const emulator = await startEmulator({ configDelayMs: 20, seed: 11, ...options });
  const notices: string[] = [];
  runtime.setOptions({
    notice: (line) => notices.push(line),
    pollMs: 5,
    deadlineMs: 30_000,
    client: { sleep: compressedSleep(10), random: seeded(3), attemptTimeoutMs: 5_000 },
  });
  const stack = {
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": REGION,
    "alicloud-vpn:endpoint": emulator.endpoint,
    ...config,
  };
  // As the provider host does: once per provider, with the whole stack config.
  await vpnRouteEntryProvider.configure!({ config: stackConfig(stack) });
  await vpnPbrRouteEntryProvider.configure!({ config: stackConfig(stack) });
  return {
    emulator,
    dbr: vpnRouteEntryProvider,
    pbr: vpnPbrRouteEntryProvider,
    config: stack,
    notices,
    stop: async () => {
      runtime.configure({});
      await emulator.stop();
    },
  };
}

/** check() then create(), as the engine runs them. */
export async function checkAndCreate(
  provider: typeof vpnRouteEntryProvider,
  news: Record<string, unknown>,
): Promise<{ id: string; outs: RouteOutputs }> {
  const checked = await provider.check!({} as RouteInputs, news as unknown as RouteInputs);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const created = await provider.create(checked.inputs!);
  return { id: created.id, outs: created.outs! };
}

export function dbrInputs(routeDest: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { vpnGatewayId: GW, routeDest, nextHop: VCO, weight: 100, publishVpc: true, ...extra };
}

export function pbrInputs(routeSource: string, routeDest: string, extra: Record<string, unknown> = {}) {
  return { ...dbrInputs(routeDest), routeSource, ...extra };
}

/** The actions the emulator answered, in order, with the given parameters picked out. */
export function writesIn(emulator: RunningEmulator, ...params: string[]): string[] {
  return emulator
    .requestLog()
    .filter((e) => !e.action.startsWith("Describe") && e.status === 200)
    .map((e) =>
      [e.action, ...params.filter((p) => p in e.params).map((p) => `${p}=${e.params[p]}`)].join(" "),
    );
}
