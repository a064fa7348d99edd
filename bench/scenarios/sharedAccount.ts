/**
 * sharedAccount: S stacks (S provider processes) of one account creating routes in one region at the same time,
 * each on gateways of its own, so that the account's rate limit for CreateVpnRouteEntry (60 a minute, per
 * account and region, whatever the number of processes) binds, not a gateway. Each process starts by assuming
 * the whole limit; only the API's throttle answers tell it of the others (CallBudget's adaptive pace). The
 * bound is the account's: the calls beyond a full bucket at the documented rate (400 creates: 340 s).
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { PulumiProject } from "../../tests/e2e/harness";
import { BENCH_SEED, BENCH_ROUTE_QUOTA, providerEnv } from "../emulators";
import { compareTables, timed } from "../engine/outcome";
import { createBenchProject } from "../engine/project";
import { round2, runLine, type BenchMeta } from "../meta";
import { BENCH_REGION, ratio } from "../topology";
import { rateBoundSeconds } from "./rateLimited";

export interface SharedAccountSetup {
  stacks: number;
  routesPerStack: number;
  gatewaysPerStack: number;
  configDelayMs: number;
}

const NEXT_HOP = "vco-benchaccount0000001";
const CREATE = "CreateVpnRouteEntry";

const PROGRAM = `"use strict";
const { VpnGatewayRoutes } = require("alicloud-vpn-routes");
const spec = require("./bench-spec.json");
spec.gateways.forEach((gateway, g) => {
  new VpnGatewayRoutes(\`\${spec.name}-\${g}\`, {
    vpnGatewayId: gateway,
    region: spec.region,
    routes: spec.dests[g].map((routeDest) => ({ routeDest, nextHop: spec.nextHop, weight: 100, publishVpc: true })),
  });
});
`;

export interface SharedAccountResult extends SharedAccountSetup {
  routes: number;
  seconds: number;
  /** Each stack's own seconds. */
  stackSeconds: number[];
  boundSeconds: number;
  ratio: number;
  /** CreateVpnRouteEntry calls the API took. */
  writes: number;
  /** Write calls the API answered Throttling (retried), and that as a part of the writes. */
  throttledWrites: number;
  throttledPercent: number;
  /** Read calls (listings, gateway looks) throttled. */
  throttledReads: number;
  succeeded: boolean;
  duplicates: number;
  missing: number;
}

const gatewayId = (stack: number, g: number) => `vpn-benchacct${String(stack).padStart(2, "0")}gw${g}0000001`;

export async function runSharedAccount(
  setup: SharedAccountSetup,
  say: (line: string) => void = () => undefined,
): Promise<SharedAccountResult> {
  const { stacks, routesPerStack, gatewaysPerStack, configDelayMs } = setup;
  const perGateway = routesPerStack / gatewaysPerStack;
  const destsOf = (stack: number, g: number) =>
    Array.from({ length: perGateway }, (_, i) => `10.${100 + stack}.${g * perGateway + i}.0/24`);
  const gateways = Array.from({ length: stacks }, (_, s) =>
    Array.from({ length: gatewaysPerStack }, (_, g) => ({ id: gatewayId(s, g), dests: destsOf(s, g) })),
  ).flat();
  const emulator = await startEmulator({
    configDelayMs,
    seed: BENCH_SEED,
    gateways: gateways.map(({ id }) => ({
      vpnGatewayId: id,
      regionId: BENCH_REGION,
      routeQuota: BENCH_ROUTE_QUOTA,
      vpnConnections: [NEXT_HOP],
    })),
    rateLimits: {},
  });
  const projects: PulumiProject[] = [];
  try {
    for (let stack = 0; stack < stacks; stack++) {
      const own = Array.from({ length: gatewaysPerStack }, (_, g) => g);
      const spec = {
        name: `account${stack}`,
        region: BENCH_REGION,
        nextHop: NEXT_HOP,
        gateways: own.map((g) => gatewayId(stack, g)),
        dests: own.map((g) => destsOf(stack, g)),
      };
      projects.push(
        await createBenchProject({
          name: `account-${stack}`,
          files: { "index.js": PROGRAM, "bench-spec.json": JSON.stringify(spec) },
          // One account's key for every stack: the emulator counts its limits per account and region.
          env: providerEnv(emulator, true),
        }),
      );
    }
    emulator.clearLog();
    const runs = await Promise.all(projects.map((p) => timed(() => p.up({ skipPreview: true }) as never)));
    const seconds = Math.max(...runs.map((r) => r.seconds));
    const log = emulator.requestLog();
    const writes = log.filter((e) => e.action === CREATE && e.status === 200).length;
    const throttled = log.filter((e) => e.code?.includes("Throttling"));
    const throttledWrites = throttled.filter((e) => e.action === CREATE).length;
    const bound = rateBoundSeconds({ [CREATE]: writes }).seconds;
    say(
      `shared account, ${stacks} stacks: ${round2(seconds)} s for ${writes} creates, ${throttledWrites} throttled`,
    );
    return {
      ...setup,
      routes: stacks * routesPerStack,
      seconds: round2(seconds),
      stackSeconds: runs.map((r) => round2(r.seconds)),
      boundSeconds: round2(bound),
      ratio: round2(ratio(seconds, bound)),
      writes,
      throttledWrites,
      throttledPercent: round2((100 * throttledWrites) / Math.max(1, writes)),
      throttledReads: throttled.length - throttledWrites,
      succeeded: runs.every((r) => !r.error),
      ...tableCheck(emulator, gateways),
    };
  } finally {
    for (const project of projects) await project.dispose();
    await emulator.stop();
  }
}

function tableCheck(emulator: RunningEmulator, gateways: { id: string; dests: string[] }[]) {
  let duplicates = 0;
  let missing = 0;
  for (const { id, dests } of gateways) {
    const diff = compareTables(
      dests.map((d) => `${d}|${NEXT_HOP}`),
      emulator.routes(id).map((r) => `${r.RouteDest}|${r.NextHop}`),
    );
    duplicates += diff.duplicates;
    missing += diff.missing;
  }
  return { duplicates, missing };
}

/** The figures as a table, with the run's versions and machine. */
export function sharedAccountMarkdown(results: { meta: BenchMeta; runs: SharedAccountResult[] }): string {
  const m = results.meta;
  const lines = [
    "# Stacks side by side on one account's rate limit",
    "",
    `${runLine(m, "npm run bench -- --shared-account")} Every stack's \`pulumi up\` at once, one ` +
      "account's key, each stack on gateways of its own; the emulator at Alibaba's documented rate limits " +
      "(60 CreateVpnRouteEntry a minute per account and region). Targets: within 1.2x of the account's bound, " +
      "throttle answers at most 5% of the writes.",
    "",
    "| stacks | routes a stack | gateways a stack | seconds | each stack (s) | bound (s) | ratio | creates | throttled creates | % of writes | throttled reads | correct |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of results.runs) {
    const correct = r.succeeded && r.duplicates === 0 && r.missing === 0;
    lines.push(
      `| ${r.stacks} | ${r.routesPerStack} | ${r.gatewaysPerStack} | ${r.seconds} | ${r.stackSeconds.join(", ")} | ` +
        `${r.boundSeconds} | ${r.ratio}x | ${r.writes} | ${r.throttledWrites} | ${r.throttledPercent}% | ` +
        `${r.throttledReads} | ${correct ? "yes" : "NO"} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
