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

/**
 * Where one gateway's wall time went in a phase of several processes (told apart by their access keys), in
 * seconds; the parts add up to the phase. Each idle gap (the gateway active, no write arriving) is put down to
 * the process whose write ended it: a refused write's retry; else, when it looked at the gateway in the gap,
 * the look coming late after the gateway became active and then its way from that look to the write; else no
 * write of it was pending (engine order, listings, budget waits).
 */
export interface GatewayWallTime {
  /** Phase start to the first request: the CLIs' start. */
  startSeconds: number;
  /** Writes applying (applied writes x configDelayMs). */
  applyingSeconds: number;
  retryAfterRefusalSeconds: number;
  lookedLateSeconds: number;
  lookToWriteSeconds: number;
  noWritePendingSeconds: number;
  /** The last write applied to the phase's end: the CLIs' end. */
  endSeconds: number;
}

export function gatewayWallTime(
  log: EmulatorLogEntry[],
  configDelayMs: number,
  startedAt: number,
  endedAt: number,
): GatewayWallTime {
  const sorted = [...log].sort((a, b) => a.time - b.time);
  const applied = sorted.filter((e) => WRITE_ACTION.test(e.action) && e.status === 200);
  const refusedTokens = new Set(
    sorted.filter((e) => e.code === BUSY_CODE).map((e) => `${e.accessKeyId}|${e.params.ClientToken}`),
  );
  const wall = {
    startSeconds: ((sorted[0]?.time ?? endedAt) - startedAt) / 1000,
    applyingSeconds: (applied.length * configDelayMs) / 1000,
    retryAfterRefusalSeconds: 0,
    lookedLateSeconds: 0,
    lookToWriteSeconds: 0,
    noWritePendingSeconds: 0,
    endSeconds: 0,
  };
  let activeAt = sorted[0]?.time ?? endedAt;
  for (const write of applied) {
    const gapMs = write.time - activeAt;
    if (gapMs > 0) {
      const look = sorted.find(
        (e) =>
          e.action === "DescribeVpnGateway" &&
          e.accessKeyId === write.accessKeyId &&
          e.time >= activeAt &&
          e.time <= write.time,
      );
      if (refusedTokens.has(`${write.accessKeyId}|${write.params.ClientToken}`))
        wall.retryAfterRefusalSeconds += gapMs / 1000;
      else if (look) {
        wall.lookedLateSeconds += (look.time - activeAt) / 1000;
        wall.lookToWriteSeconds += (write.time - look.time) / 1000;
      } else wall.noWritePendingSeconds += gapMs / 1000;
    }
    activeAt = Math.max(activeAt, write.time + configDelayMs);
  }
  wall.endSeconds = Math.max(0, endedAt - activeAt) / 1000;
  return wall;
}
