/**
 * Failover in one `pulumi up`, both ways, through the real engine: the active and the standby next hop of a
 * destination route and of a policy route swap weights, declared in one VpnGatewayRoutes or as standalone
 * resources, under `--parallel 1` and the default. The emulator applies Alibaba's rules (no weight change
 * beside the other route of a pair; on a dual-tunnel gateway, weight writes succeed and change nothing).
 * Read from the emulator's request log: at no moment does a destination have no route or two active ones,
 * no write is refused, and the run ends with exactly the declared weights. A lone route on the dual-tunnel
 * gateway changes weight too (replaced; the only way there).
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { emulatorEnv } from "./emulator-env";
import { brokenMoments, history, type HistoryRoute, sortRoutes, tablesOf } from "./routeHistory";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const REGION = "cn-hangzhou";
const GW = "vpn-failover0000000000001";
const DUAL = "vpn-failover0dual00000001";
const A = "vco-failover0a0000000001";
const B = "vco-failover0b0000000001";
const DEST = "10.20.0.0/16";
const SRC = "192.168.10.0/24";
const PDEST = "10.30.0.0/16";
const DUAL_DEST = "10.40.0.0/16";
const LONE_DEST = "10.41.0.0/16";
const STANDBY_NOTE = "standby tunnel";

/**
 * Config `active` names the active next hop ("a" or "b"); `mode` is "component" or "standalone". Standalone
 * routes on the single-tunnel gateway are declared A first, so one direction has the demotion first in the
 * program and the other the promotion first; on the dual-tunnel gateway the active one depends on its standby.
 */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRoutes, VpnRouteEntry, VpnPbrRouteEntry } = require("alicloud-vpn-routes");
const c = new pulumi.Config();
const active = c.require("active");
const w = (hop) => (hop === active ? 100 : 0);
const hops = { a: "${A}", b: "${B}" };
const pair = (routeDest) => ["a", "b"].map((h) => ({
  routeDest, nextHop: hops[h], weight: w(h), publishVpc: h === "a", description: h === "b" ? "${STANDBY_NOTE}" : undefined,
}));
const policyPair = ["a", "b"].map((h) => ({
  routeSource: "${SRC}", routeDest: "${PDEST}", nextHop: hops[h], weight: w(h), publishVpc: false, priority: h === "a" ? 5 : 6,
}));
const lone = { routeDest: "${LONE_DEST}", nextHop: "${A}", weight: w("a"), publishVpc: true };
let weights;
if (c.require("mode") === "component") {
  const hub = new VpnGatewayRoutes("hub", { vpnGatewayId: "${GW}", routes: pair("${DEST}"), policyRoutes: policyPair });
  const dual = new VpnGatewayRoutes("dual", { vpnGatewayId: "${DUAL}", routes: [...pair("${DUAL_DEST}"), lone] });
  weights = pulumi.all([hub.routes, dual.routes]).apply((tables) =>
    Object.fromEntries(tables.flatMap((t) => Object.entries(t)).map(([key, r]) => [key, r.weight])));
} else {
  const entry = (Type, gw, name, r, opts) => [r.routeDest + "@" + r.nextHop, new Type(gw + "/" + name, { vpnGatewayId: gw, ...r }, opts)];
  // On the dual-tunnel gateway a standby can change only by being created again, with its declared settings:
  // the active route depends on its standby, so the engine changes the standby first (README, "Failover").
  const dualPair = pair("${DUAL_DEST}");
  const [first, second] = active === "a" ? [dualPair[1], dualPair[0]] : [dualPair[0], dualPair[1]];
  const dualStandby = entry(VpnRouteEntry, "${DUAL}", first.nextHop, first);
  const routes = [
    ...pair("${DEST}").map((r) => entry(VpnRouteEntry, "${GW}", r.nextHop, r)),
    ...policyPair.map((r) => [r.routeSource + ">" + r.routeDest + "@" + r.nextHop, new VpnPbrRouteEntry("${GW}/pbr/" + r.nextHop, { vpnGatewayId: "${GW}", ...r })]),
    dualStandby,
    entry(VpnRouteEntry, "${DUAL}", second.nextHop, second, { dependsOn: [dualStandby[1]] }),
    entry(VpnRouteEntry, "${DUAL}", "lone", lone),
  ];
  weights = pulumi.all(routes.map(([key, r]) => r.weight.apply((weight) => [key, weight]))).apply(Object.fromEntries);
}
exports.weights = weights;
`;

/** The weights the program declares, keyed as the component's `routes` output keys them. */
function declaredWeights(active: "a" | "b"): Record<string, number> {
  const w = (hop: "a" | "b") => (hop === active ? 100 : 0);
  return {
    [`${DEST}@${A}`]: w("a"),
    [`${DEST}@${B}`]: w("b"),
    [`${SRC}>${PDEST}@${A}`]: w("a"),
    [`${SRC}>${PDEST}@${B}`]: w("b"),
    [`${DUAL_DEST}@${A}`]: w("a"),
    [`${DUAL_DEST}@${B}`]: w("b"),
    [`${LONE_DEST}@${A}`]: w("a"),
  };
}

function expectedTables(active: "a" | "b"): Record<string, HistoryRoute[]> {
  const w = (hop: "a" | "b") => (hop === active ? 100 : 0);
  const route = (table: "dbr" | "pbr", destination: string, nextHop: string, weight: number) => ({
    table,
    destination,
    nextHop,
    weight,
  });
  return {
    [GW]: sortRoutes([
      route("dbr", DEST, A, w("a")),
      route("dbr", DEST, B, w("b")),
      route("pbr", `${SRC}>${PDEST}`, A, w("a")),
      route("pbr", `${SRC}>${PDEST}`, B, w("b")),
    ]),
    [DUAL]: sortRoutes([
      route("dbr", DUAL_DEST, A, w("a")),
      route("dbr", DUAL_DEST, B, w("b")),
      route("dbr", LONE_DEST, A, w("a")),
    ]),
  };
}

const CASES: [string, "component" | "standalone", string[]][] = [
  ["VpnGatewayRoutes, --parallel 1", "component", ["--parallel", "1"]],
  ["VpnGatewayRoutes, default parallelism", "component", []],
  ["standalone resources, --parallel 1", "standalone", ["--parallel", "1"]],
  ["standalone resources, default parallelism", "standalone", []],
];

describeWithPulumi("failover in one pulumi up", () => {
  describe.each(CASES)("%s", (_name, mode, args) => {
    let emulator: RunningEmulator;
    let project: PulumiProject;

    beforeAll(async () => {
      emulator = await startEmulator({
        configDelayMs: 30,
        seed: 15,
        gateways: [
          { vpnGatewayId: GW, regionId: REGION },
          { vpnGatewayId: DUAL, regionId: REGION, disasterRecoveryVSwitchId: "vsw-failover0dr000000001" },
        ],
      });
      project = await createPulumiProject({
        name: `failover-${mode}`,
        files: { "index.js": PROGRAM },
        installPackage: true,
        env: emulatorEnv(emulator, REGION),
        config: { mode, active: "a" },
      });
      const created = await project.up({ skipPreview: true, args });
      expect(created.result).toBe("succeeded");
    });
    afterAll(async () => {
      await project?.dispose();
      await emulator?.stop();
    });

    it.each([["b"], ["a"]] as const)(
      "makes %s active: never no route nor two active ones, no refusal, exactly the declared weights",
      async (active) => {
        const before = { [GW]: tablesOf(emulator, GW), [DUAL]: tablesOf(emulator, DUAL) };
        emulator.clearLog();
        await project.setConfig("active", { value: active });
        const update = await project.up({ skipPreview: true, args });

        expect(update.result).toBe("succeeded");
        expect(update.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const log = emulator.requestLog();
        expect(log.filter((e) => e.status !== 200).map((e) => `${e.action} ${e.code}`)).toEqual([]);

        const hub = history(before[GW], log, GW);
        const dual = history(before[DUAL], log, DUAL, true);
        expect(brokenMoments(hub, [DEST, `${SRC}>${PDEST}`])).toEqual([]);
        expect(brokenMoments(dual, [DUAL_DEST])).toEqual([]);
        // The replay is what the emulator holds, and that is what the program declares.
        const expected = expectedTables(active);
        expect(sortRoutes(hub[hub.length - 1].routes)).toEqual(expected[GW]);
        expect(sortRoutes(dual[dual.length - 1].routes)).toEqual(expected[DUAL]);
        expect(sortRoutes(tablesOf(emulator, GW))).toEqual(expected[GW]);
        expect(sortRoutes(tablesOf(emulator, DUAL))).toEqual(expected[DUAL]);
        expect((await project.outputs()).weights).toEqual(declaredWeights(active));

        // A route configured again keeps its declared settings; the dual-tunnel gateway got no weight write.
        const standby = emulator.routes(GW).find((r) => r.NextHop === B)!;
        expect(standby).toMatchObject({ Description: STANDBY_NOTE, State: "normal" });
        expect(emulator.pbrRoutes(GW).map((r) => [r.NextHop, r.Priority, r.State])).toEqual(
          expect.arrayContaining([
            [A, 5, "normal"],
            [B, 6, "normal"],
          ]),
        );
        expect(log.filter((e) => e.params.VpnGatewayId === DUAL && e.action.startsWith("Modify"))).toEqual(
          [],
        );
      },
    );
  });
});
