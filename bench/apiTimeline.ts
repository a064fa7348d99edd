/** What the emulator saw of a run: when the gateways were busy, and how often a write found one busy. */
import type { EmulatorLogEntry } from "../emulator";

export const BUSY_CODE = "VpnGateway.Configuring";
const WRITE_ACTION = /^(Create|Delete|Modify|Publish)/;

export interface ApiTimeline {
  /** From the first request to the moment the last applied write's gateway became active again. */
  apiSeconds: number;
  /** Writes the gateways applied (status 200, ClientToken replays included). */
  appliedWrites: number;
  /** Writes refused because their gateway was still applying another. */
  busyRefusals: number;
  /** Per gateway: applied writes x configDelayMs over apiSeconds (1 = never idle). */
  utilisation: Record<string, number>;
}

export function apiTimeline(log: EmulatorLogEntry[], configDelayMs: number): ApiTimeline {
  if (log.length === 0) return { apiSeconds: 0, appliedWrites: 0, busyRefusals: 0, utilisation: {} };
  const start = Math.min(...log.map((e) => e.time));
  const writes = log.filter((e) => WRITE_ACTION.test(e.action));
  const applied = writes.filter((e) => e.status === 200);
  const end = Math.max(...log.map((e) => e.time), ...applied.map((e) => e.time + configDelayMs));
  const apiSeconds = (end - start) / 1000;
  const perGateway: Record<string, number> = {};
  for (const e of applied) {
    const gw = e.params.VpnGatewayId ?? "?";
    perGateway[gw] = (perGateway[gw] ?? 0) + 1;
  }
  const utilisation = Object.fromEntries(
    Object.entries(perGateway).map(([gw, n]) => [
      gw,
      apiSeconds > 0 ? (n * configDelayMs) / 1000 / apiSeconds : 0,
    ]),
  );
  return {
    apiSeconds,
    appliedWrites: applied.length,
    busyRefusals: writes.filter((e) => e.code === BUSY_CODE).length,
    utilisation,
  };
}
