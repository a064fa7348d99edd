/**
 * sharedGateway: S stacks (S provider processes) on one hub gateway at the same time, as a landing zone split by
 * spoke runs from CI: each declares P active/standby pairs of its own destinations in a VpnGatewayRoutes. Three
 * phases, each S commands at once: `pulumi up` creating the routes, a failover of every pair (the weights and
 * publish states swapped in the program), `pulumi destroy`. The emulator holds Alibaba's documented rate limits;
 * each process orders its own writes only, so they meet at the gateway's busy answers. A phase's bound is the
 * gateway's writes back to back (the successful writes it took, each configDelayMs), or the account's rate limit
 * for the calls of one action the phase took (60 PublishVpnRouteEntry a minute...), whichever is longer.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { BUSY_CODES } from "../../provider/api/codes";
import type { PulumiProject } from "../../tests/e2e/harness";
import { gatewayWallTime, type GatewayWallTime } from "../apiTimeline";
import { BENCH_SEED, BENCH_ROUTE_QUOTA, providerEnv } from "../emulators";
import { compareTables, timed, wrongActive } from "../engine/outcome";
import { createBenchProject } from "../engine/project";
import { BENCH_WORK_DIR } from "../paths";
import { round2, runLine, type BenchMeta } from "../meta";
import { BENCH_REGION, ratio } from "../topology";
import { rateBoundSeconds } from "./rateLimited";

export interface SharedGatewaySetup {
  stacks: number;
  pairsPerStack: number;
  configDelayMs: number;
}

const HUB = "vpn-benchhub0shared00001";
const PRIMARY = "vco-benchhub0primary0001";
const STANDBY = "vco-benchhub0standby0001";
const WRITE_ACTIONS = /^(Create|Delete|Modify|Publish)/;

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRoutes } = require("alicloud-vpn-routes");
const spec = require("./bench-spec.json");
const primaryActive = new pulumi.Config().getBoolean("primaryActive") ?? true;
new VpnGatewayRoutes(spec.name, {
  vpnGatewayId: spec.gateway,
  region: spec.region,
  routes: spec.dests.flatMap((routeDest) => [
    { routeDest, nextHop: spec.primary, weight: primaryActive ? 100 : 0, publishVpc: primaryActive },
    { routeDest, nextHop: spec.standby, weight: primaryActive ? 0 : 100, publishVpc: !primaryActive },
  ]),
});
`;

export interface SharedGatewayPhase {
  phase: "create" | "failover" | "destroy";
  seconds: number;
  boundSeconds: number;
  binding: string;
  ratio: number;
  /** Writes the gateway took (answered 200). */
  writes: number;
  /** Writes the gateway refused as busy: the processes meeting there. */
  busyRefusals: number;
  throttled: number;
  /** Looks at the gateway (DescribeVpnGateway) and listings (pages) the phase took, and how many were throttled. */
  looks: number;
  listings: number;
  throttledReads: number;
  /** Where the gateway's wall time went (apiTimeline.ts), seconds. */
  wallTime: GatewayWallTime;
  /** Every stack's command succeeded. */
  succeeded: boolean;
  /** After the phase: routes the gateway holds twice, declared ones it lacks, destinations with no or two active. */
  duplicates: number;
  missing: number;
  wrongActive: number;
}

export interface SharedGatewayResult extends SharedGatewaySetup {
  routes: number;
  phases: SharedGatewayPhase[];
}

export async function runSharedGateway(
  setup: SharedGatewaySetup,
  say: (line: string) => void = () => undefined,
): Promise<SharedGatewayResult> {
  const { stacks, pairsPerStack, configDelayMs } = setup;
  const destsOf = (stack: number) =>
    Array.from({ length: pairsPerStack }, (_, i) => `10.${100 + stack}.${i}.0/24`);
  const emulator = await startEmulator({
    configDelayMs,
    seed: BENCH_SEED,
    gateways: [
      {
        vpnGatewayId: HUB,
        regionId: BENCH_REGION,
        routeQuota: BENCH_ROUTE_QUOTA,
        vpnConnections: [PRIMARY, STANDBY],
      },
    ],
    rateLimits: {},
    // A key of one account for each stack: the account's rate limits are shared as before, and the request
    // log tells whose request each is (the idle-gap breakdown, apiTimeline.ts).
    credentials: Array.from({ length: stacks }, (_, s) => ({
      accessKeyId: `LTAIbenchsharedstack${s}`,
      accessKeySecret: `bench-shared-secret-${s}`,
    })),
  });
  const projects: PulumiProject[] = [];
  try {
    for (let stack = 0; stack < stacks; stack++) {
      const spec = {
        name: `spoke${stack}`,
        gateway: HUB,
        region: BENCH_REGION,
        primary: PRIMARY,
        standby: STANDBY,
        dests: destsOf(stack),
      };
      projects.push(
        await createBenchProject({
          name: `shared-${stack}`,
          files: { "index.js": PROGRAM, "bench-spec.json": JSON.stringify(spec) },
          env: {
            ...providerEnv(emulator, true),
            ALICLOUD_ACCESS_KEY: `LTAIbenchsharedstack${stack}`,
            ALICLOUD_SECRET_KEY: `bench-shared-secret-${stack}`,
          },
          config: { primaryActive: "true" },
        }),
      );
    }
    const all = Array.from({ length: stacks }, (_, s) => destsOf(s)).flat();
    const phase = async (
      name: SharedGatewayPhase["phase"],
      operation: (project: PulumiProject) => Promise<unknown>,
      primaryActive: boolean | undefined,
    ): Promise<SharedGatewayPhase> => {
      emulator.clearLog();
      // The account's buckets full, as the bound assumes: phases run seconds apart here, where teams' runs are
      // minutes apart. Back to back, the create phase's 80 creates left the failover's bucket nearly empty, and a
      // process throttled at once measured its share from the full bucket it presumed: 12% (budget.ts
      // ADAPTIVE_PACE), a create every 8 s (258 s for a 60 s bound, 2026-12-07).
      emulator.setRateLimits({});
      const startedAt = Date.now();
      const runs = await Promise.all(projects.map((p) => timed(() => operation(p) as never)));
      const seconds = Math.max(...runs.map((r) => r.seconds));
      const endedAt = startedAt + seconds * 1000;
      const fullLog = emulator.requestLog();
      if (process.env.BENCH_KEEP === "1") {
        fs.mkdirSync(BENCH_WORK_DIR, { recursive: true });
        const file = path.join(BENCH_WORK_DIR, `shared-gateway-${stacks}-${name}.log.json`);
        fs.writeFileSync(
          file,
          JSON.stringify({ configDelayMs, startedAt, seconds: runs.map((r) => r.seconds), log: fullLog }),
        );
      }
      const log = fullLog.filter((e) => WRITE_ACTIONS.test(e.action));
      const writes = log.filter((e) => e.status === 200).length;
      const gatewaySeconds = (writes * configDelayMs) / 1000;
      const taken: Record<string, number> = {};
      for (const e of log) if (e.status === 200) taken[e.action] = (taken[e.action] ?? 0) + 1;
      const rate = rateBoundSeconds(taken);
      const boundSeconds = Math.max(gatewaySeconds, rate.seconds);
      say(`shared gateway, ${stacks} stacks, ${name}: ${round2(seconds)} s for ${writes} writes`);
      return {
        phase: name,
        seconds: round2(seconds),
        boundSeconds: round2(boundSeconds),
        binding:
          rate.seconds > gatewaySeconds
            ? `${taken[rate.action]} ${rate.action} at the account's rate limit`
            : `${writes} writes of ${configDelayMs} ms`,
        ratio: round2(ratio(seconds, boundSeconds)),
        writes,
        busyRefusals: log.filter((e) => BUSY_CODES.includes(e.code ?? "")).length,
        throttled: log.filter((e) => e.code?.includes("Throttling")).length,
        looks: fullLog.filter((e) => e.action === "DescribeVpnGateway").length,
        listings: fullLog.filter((e) => e.action === "DescribeVpnRouteEntries").length,
        throttledReads: fullLog.filter((e) => !WRITE_ACTIONS.test(e.action) && e.code?.includes("Throttling"))
          .length,
        wallTime: Object.fromEntries(
          Object.entries(gatewayWallTime(fullLog, configDelayMs, startedAt, endedAt)).map(([k, v]) => [
            k,
            round2(v),
          ]),
        ) as unknown as GatewayWallTime,
        succeeded: runs.every((r) => !r.error),
        ...tableCheck(emulator, all, primaryActive),
      };
    };
    const phases = [
      await phase("create", (p) => p.up({ skipPreview: true }), true),
      await phase(
        "failover",
        async (p) => {
          await p.setConfig("primaryActive", { value: "false" });
          return p.up({ skipPreview: true });
        },
        false,
      ),
      await phase("destroy", (p) => p.destroy(), undefined),
    ];
    return { ...setup, routes: all.length * 2, phases };
  } finally {
    for (const project of projects) await project.dispose();
    await emulator.stop();
  }
}

/**
 * The hub's table against the declared one (every destination's primary and standby): extra copies, missing
 * routes, destinations whose active route is not the declared one. `primaryActive` undefined: nothing declared
 * (after destroy), so every route left counts as extra.
 */
function tableCheck(emulator: RunningEmulator, dests: string[], primaryActive: boolean | undefined) {
  const listed = emulator.routes(HUB);
  const declared =
    primaryActive === undefined ? [] : dests.flatMap((d) => [`${d}|${PRIMARY}`, `${d}|${STANDBY}`]);
  const { duplicates, missing } = compareTables(
    declared,
    listed.map((r) => `${r.RouteDest}|${r.NextHop}`),
  );
  return {
    duplicates,
    missing,
    wrongActive:
      primaryActive === undefined ? 0 : wrongActive(listed, dests, primaryActive ? PRIMARY : STANDBY),
  };
}

/** The figures as a table, with the run's versions and machine. */
export function sharedGatewayMarkdown(results: { meta: BenchMeta; runs: SharedGatewayResult[] }): string {
  const m = results.meta;
  const lines = [
    "# Stacks side by side on one gateway",
    "",
    `${runLine(m, "npm run bench -- --shared-gateway")} Every stack's command at once; the emulator at ` +
      "Alibaba's documented rate limits.",
    "",
    "| stacks | routes a stack | phase | seconds | bound (s) | binding | ratio | writes | busy refusals | throttled | correct |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const wallLines = [
    "",
    "Where the gateway's time went (seconds; each idle gap put down to the stack whose write ended it, apiTimeline.ts):",
    "",
    "| stacks | phase | CLIs' start | applying | retry after a busy refusal | looked late | look to write | no write pending | CLIs' end | looks | listing pages | throttled reads |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const run of results.runs) {
    for (const p of run.phases) {
      const correct = p.succeeded && p.duplicates === 0 && p.missing === 0 && p.wrongActive === 0;
      const w = p.wallTime;
      lines.push(
        `| ${run.stacks} | ${run.pairsPerStack * 2} | ${p.phase} | ${p.seconds} | ${p.boundSeconds} | ${p.binding} | ` +
          `${p.ratio}x | ${p.writes} | ${p.busyRefusals} | ${p.throttled} | ${correct ? "yes" : "NO"} |`,
      );
      wallLines.push(
        `| ${run.stacks} | ${p.phase} | ${w.startSeconds} | ${w.applyingSeconds} | ${w.retryAfterRefusalSeconds} | ` +
          `${w.lookedLateSeconds} | ${w.lookToWriteSeconds} | ${w.noWritePendingSeconds} | ${w.endSeconds} | ` +
          `${p.looks} | ${p.listings} | ${p.throttledReads} |`,
      );
    }
  }
  lines.push(...wallLines);
  return `${lines.join("\n")}\n`;
}
