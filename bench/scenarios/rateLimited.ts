/**
 * rateLimited: plain `pulumi up` of N routes over G gateways in one region, against an emulator that holds the
 * account to Alibaba's documented per-API rate limits (60 CreateVpnRouteEntry per 60 s, ...). Its bound is the
 * larger of two physical limits: the busiest gateway's applies back to back, and the calls the run needs
 * beyond each action's bucket divided by that action's rate. The provider's budget should make no call that
 * the API throttles.
 */
import { DOCUMENTED_RATE_LIMITS, RATE_LIMIT_PERIOD_MS } from "../../emulator";
import { round2 } from "../meta";
import { limitSeconds, busiestGatewayRoutes, ratio } from "../topology";
import { runConverge } from "./converge";

export interface RateLimitedSetup {
  routes: number;
  gateways: number;
  configDelayMs: number;
}

/** The time the rate limits alone force on a run that makes `calls` of each action. */
export function rateBoundSeconds(callsByAction: Record<string, number>): { action: string; seconds: number } {
  let worst = { action: "", seconds: 0 };
  for (const [action, calls] of Object.entries(callsByAction)) {
    const perPeriod = DOCUMENTED_RATE_LIMITS[action]?.perPeriod;
    if (perPeriod === undefined) continue;
    // A full bucket goes at once; every call beyond it waits for its token.
    const seconds = (Math.max(0, calls - perPeriod) * RATE_LIMIT_PERIOD_MS) / perPeriod / 1000;
    if (seconds > worst.seconds) worst = { action, seconds };
  }
  return worst;
}

export async function runRateLimited(setup: RateLimitedSetup) {
  const run = await runConverge({ ...setup, rateLimits: {} });
  const gatewaySeconds = limitSeconds(setup.routes, setup.gateways, setup.configDelayMs);
  const rate = rateBoundSeconds(run.callsByAction);
  const boundSeconds = Math.max(gatewaySeconds, rate.seconds);
  const perPeriod = DOCUMENTED_RATE_LIMITS[rate.action]?.perPeriod;
  const binding =
    rate.seconds > gatewaySeconds
      ? `rate limit of ${rate.action} (${run.callsByAction[rate.action]} calls, ${perPeriod} per 60 s)`
      : `busiest gateway (${busiestGatewayRoutes(setup.routes, setup.gateways)} applies of ${setup.configDelayMs} ms)`;
  return {
    routes: setup.routes,
    gateways: setup.gateways,
    configDelayMs: setup.configDelayMs,
    command: "pulumi up --yes --skip-preview",
    emulatorRateLimits: "documented (emulator/rateLimits/documented.ts)",
    seconds: round2(run.seconds),
    boundSeconds: round2(boundSeconds),
    gatewayBoundSeconds: round2(gatewaySeconds),
    rateBoundSeconds: round2(rate.seconds),
    binding,
    ratio: round2(ratio(run.seconds, boundSeconds)),
    throttled: run.throttled,
    engineStartSeconds: round2(run.engineStartSeconds),
    apiSeconds: round2(run.timeline.apiSeconds),
    engineTailSeconds: round2(run.engineTailSeconds),
    apiCalls: run.apiCalls,
    callsByAction: run.callsByAction,
    created: run.created,
    failed: run.failed,
    result: run.result,
  };
}

export type RateLimitedResult = Awaited<ReturnType<typeof runRateLimited>>;
