/**
 * VpnGatewayRouteTable through the real engine, against the emulator: one resource per gateway holding its
 * routes. Create; a failover's preview names the two routes that change and nothing else, and `up` applies it
 * in the failover order; refresh reports a drifted route; `exclusive` deletes an undeclared custom route and
 * never a BGP-learned one; an update refused half-way is finished by the next `up`, nothing written twice;
 * moving a VpnGatewayRoutes to a table and back deletes and creates no route.
 */
import { VpcClient } from "../../provider/api/client";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { emulatorEnv, oncePerWrite } from "./emulator-env";
import { brokenMoments, history, tablesOf } from "./routeHistory";
import { createRouteOutside, upRefusedHalfWay } from "./tableFaults";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 2);

const REGION = "cn-hangzhou";
const GW = "vpn-table00000000000000001";
const MOVE_GW = "vpn-table0move00000000001";
const FRESH_GW = "vpn-table0fresh0000000001";
const FRESH = Array.from({ length: 6 }, (_, i) => `10.${80 + i}.0.0/16`);
const A = "vco-table0a0000000000001";
const B = "vco-table0b0000000000001";
const DEST = "10.20.0.0/16";
const PSRC = "192.168.10.0/24";
const PDEST = "10.30.0.0/16";
const OTHERS = ["10.40.0.0/16", "10.41.0.0/16", "10.42.0.0/16"];
const MOVED = Array.from({ length: 12 }, (_, i) => `10.${60 + i}.0.0/16`);
const TABLE_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnGatewayRouteTable";

/**
 * Config: `active` ("a" or "b") the active next hop of DEST and of the policy pair; `exclusive`; `more` extra
 * destinations on the table; `move`: how MOVED routes are declared on MOVE_GW ("component", "component-retain",
 * "table", "table-retain", "component-adopt").
 */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRouteTable, VpnGatewayRoutes } = require("alicloud-vpn-routes");
const c = new pulumi.Config();
const active = c.require("active");
const hops = { a: "${A}", b: "${B}" };
const w = (h) => (h === active ? 100 : 0);
const more = JSON.parse(c.get("more") || "[]");
const table = new VpnGatewayRouteTable("hub", {
  vpnGatewayId: "${GW}",
  exclusive: c.getBoolean("exclusive") || false,
  defaults: { nextHop: "${A}" },
  routes: [
    ...["a", "b"].map((h) => ({ routeDest: "${DEST}", nextHop: hops[h], weight: w(h) })),
    ...${JSON.stringify(OTHERS)}.map((routeDest) => ({ routeDest })),
    ...more.map((routeDest) => ({ routeDest, publishVpc: false })),
  ],
  policyRoutes: ["a", "b"].map((h) => ({
    routeSource: "${PSRC}", routeDest: "${PDEST}", nextHop: hops[h], weight: w(h), publishVpc: false, priority: h === "a" ? 5 : 6,
  })),
});
exports.routes = table.routes;
exports.deletedUndeclared = table.deletedUndeclared;
if (c.getBoolean("fresh")) {
  new VpnGatewayRouteTable("fresh", {
    vpnGatewayId: "${FRESH_GW}",
    defaults: { nextHop: "${A}" },
    routes: ${JSON.stringify(FRESH)}.map((routeDest) => ({ routeDest })),
  });
}
const move = c.get("move");
if (move) {
  const args = { vpnGatewayId: "${MOVE_GW}", defaults: { nextHop: "${A}" }, routes: ${JSON.stringify(MOVED)}.map((routeDest) => ({ routeDest })) };
  if (move.startsWith("component")) {
    new VpnGatewayRoutes("moved", { ...args, adopt: move === "component-adopt" }, { retainOnDelete: move === "component-retain" });
  } else {
    new VpnGatewayRouteTable("moved", args, { retainOnDelete: move === "table-retain" });
  }
}
`;

describeWithPulumi("VpnGatewayRouteTable: a gateway's routes as one resource", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  const writes = (gw = GW) =>
    oncePerWrite(emulator.requestLog())
      .filter((e) => e.params.VpnGatewayId === gw && !e.action.startsWith("Describe") && e.status === 200)
      .map(
        (e) =>
          `${e.action} ${e.params.RouteSource ? e.params.RouteSource + ">" : ""}${e.params.RouteDest}@${e.params.NextHop}`,
      );
  const weightsOf = (gw = GW) =>
    Object.fromEntries(
      tablesOf(emulator, gw).map((r) => [`${r.table} ${r.destination}@${r.nextHop}`, r.weight]),
    );
  const tableState = async (name = "hub") => {
    const resources = (await project.exportStack()).deployment.resources ?? [];
    return resources.find((r) => r.type === TABLE_TYPE && r.urn.endsWith(`::${name}`)) as
      { outputs: Record<string, unknown>; inputs: Record<string, unknown> } | undefined;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      configDelayMs: 100,
      seed: 28,
      gateways: [
        { vpnGatewayId: GW, regionId: REGION },
        { vpnGatewayId: MOVE_GW, regionId: REGION },
        { vpnGatewayId: FRESH_GW, regionId: REGION },
      ],
    });
    project = await createPulumiProject({
      name: "route-table",
      files: { "index.js": PROGRAM },
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
      config: { active: "a" },
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("creates the table as one resource, with compact outputs (no per-route __provider or URN)", async () => {
    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toEqual({ create: 2 }); // the stack and the table
    expect(weightsOf()).toEqual({
      [`dbr ${DEST}@${A}`]: 100,
      [`dbr ${DEST}@${B}`]: 0,
      ...Object.fromEntries(OTHERS.map((d) => [`dbr ${d}@${A}`, 100])),
      [`pbr ${PSRC}>${PDEST}@${A}`]: 100,
      [`pbr ${PSRC}>${PDEST}@${B}`]: 0,
    });
    const state = await tableState();
    const routes = state!.outputs.routes as Record<string, Record<string, unknown>>;
    expect(Object.keys(routes).sort()).toEqual(
      [`${DEST}@${A}`, `${DEST}@${B}`, ...OTHERS.map((d) => `${d}@${A}`)].sort(),
    );
    expect(routes[`${DEST}@${B}`]).toEqual({ routeDest: DEST, nextHop: B, weight: 0, publishVpc: true });
    expect((state!.outputs.statuses as Record<string, unknown>)[`${DEST}@${B}`]).toEqual({
      id: `${GW}:${B}:${DEST}`,
      state: "published",
    });
    expect(JSON.stringify(state!.outputs.routes)).not.toContain("__provider");
    expect(JSON.stringify(state!.outputs)).not.toContain("urn:pulumi");
  });

  it("previews a failover as an update of the table naming the changed routes' weights, nothing else", async () => {
    await project.setConfig("active", { value: "b" });
    const result = await project.run(["preview", "--json"], { withProgram: true });
    const doc = JSON.parse(result.stdout) as { steps: { op: string; urn: string; detailedDiff?: unknown }[] };
    const step = doc.steps.find((s) => s.urn.endsWith("::hub"))!;
    expect(step.op).toBe("update");
    // The engine computes no detailed diff for a dynamic provider (SDK 3.276): the JSON has none...
    expect(step.detailedDiff ?? null).toBeNull();
    // ...and `pulumi preview --diff` shows the inputs' difference, marking each changed route and its weight.
    const text = (await project.run(["preview", "--diff"], { withProgram: true })).stdout;
    const inputs = text.slice(text.indexOf("VpnGatewayRouteTable: (update)"), text.indexOf("--outputs:--"));
    const changed = inputs
      .split("\n")
      .filter((line) => /^\s*~ /.test(line))
      .map((line) => line.trim().replace(/\s+/g, " "));
    expect(changed).toEqual([
      "~ policyRoutes: {",
      `~ ${PSRC}>${PDEST}@${A}: {`,
      "~ weight : 100 => 0",
      `~ ${PSRC}>${PDEST}@${B}: {`,
      "~ weight : 0 => 100",
      "~ routes : {",
      `~ ${DEST}@${A}: {`,
      "~ weight : 100 => 0",
      `~ ${DEST}@${B}: {`,
      "~ weight : 0 => 100",
    ]);
  });

  it("applies the failover in the safe order: never two active routes, never none", async () => {
    const before = tablesOf(emulator, GW);
    emulator.clearLog();
    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toMatchObject({ update: 1 });
    const moments = history(before, emulator.requestLog(), GW);
    expect(brokenMoments(moments, [DEST, `${PSRC}>${PDEST}`])).toEqual([]);
    expect(weightsOf()).toMatchObject({
      [`dbr ${DEST}@${A}`]: 0,
      [`dbr ${DEST}@${B}`]: 100,
      [`pbr ${PSRC}>${PDEST}@${A}`]: 0,
      [`pbr ${PSRC}>${PDEST}@${B}`]: 100,
    });
    // Only the two pairs were written to.
    expect(new Set(writes().map((w) => w.split(" ")[1]))).toEqual(
      new Set([`${DEST}@${A}`, `${DEST}@${B}`, `${PSRC}>${PDEST}@${A}`, `${PSRC}>${PDEST}@${B}`]),
    );
  });

  it("refresh reports a route whose publish state drifted, and the next up sets it back with one write", async () => {
    emulator.drift.setPublished(GW, { routeDest: OTHERS[0], nextHop: A }, false);
    await project.refresh();
    const routes = (await tableState())!.outputs.routes as Record<string, Record<string, unknown>>;
    expect(routes[`${OTHERS[0]}@${A}`]).toMatchObject({ publishVpc: false });
    emulator.clearLog();
    await project.up();
    expect(writes()).toEqual([`PublishVpnRouteEntry ${OTHERS[0]}@${A}`]);
  });

  it("exclusive deletes an undeclared custom route and keeps a BGP-learned one; preview --refresh names it first", async () => {
    await project.setConfig("exclusive", { value: "true" });
    expect((await project.up()).result).toBe("succeeded");
    const client = new VpcClient({
      endpoint: emulator.endpoint,
      credentials: emulator.credentials,
      region: REGION,
    });
    try {
      await createRouteOutside(emulator, REGION, {
        VpnGatewayId: GW,
        RouteDest: "10.99.0.0/16",
        NextHop: A,
        PublishVpc: false,
      });
      emulator.drift.learnBgpRoute(GW, { routeDest: "10.98.0.0/16", nextHop: A });

      // Before anything is written: a refreshing preview lists the undeclared custom route as a deletion.
      emulator.clearLog();
      const preview = (await project.run(["preview", "--refresh", "--diff"], { withProgram: true })).stdout;
      const removed = preview
        .split("\n")
        .filter((line) => /^\s*- 10\./.test(line))
        .map((l) => l.trim());
      expect(removed).toEqual([`- 10.99.0.0/16@${A}: {`]);
      expect(writes()).toEqual([]);

      const update = await project.up();
      expect(update.result).toBe("succeeded");
      expect(writes()).toEqual([`DeleteVpnRouteEntry 10.99.0.0/16@${A}`]);
      expect(emulator.routes(GW).map((r) => r.RouteDest)).not.toContain("10.99.0.0/16");
      const bgp = await client.describeVpnRouteEntries({ VpnGatewayId: GW, RouteEntryType: "bgp" });
      expect(bgp.map((r) => [r.RouteDest, r.RouteEntryType, r.Source])).toEqual([
        ["10.98.0.0/16", "bgp", "VPN_BGP"],
      ]);
      expect((await project.outputs()).deletedUndeclared).toEqual([`${GW}:${A}:10.99.0.0/16`]);
      // The provider's notice reaches the `up` output under the stack.
      expect(update.diagnostics.map((d) => d.message).join("\n")).toContain(
        `Deleted custom route ${GW}:${A}:10.99.0.0/16: the exclusive route table does not declare it.`,
      );
    } finally {
      client.destroy();
    }
  });

  it("a table update refused half-way is recorded as it is, and the next up finishes it with nothing written twice", async () => {
    const added = ["10.50.0.0/16", "10.51.0.0/16", "10.52.0.0/16", "10.53.0.0/16"];
    await project.setConfig("more", { value: JSON.stringify(added) });
    emulator.clearLog();
    // The gateway refuses every write once two of the four creates went through.
    const failed = await upRefusedHalfWay(project, emulator, GW);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stdout).toContain("was changed only in part");
    const recorded = Object.keys((await tableState())!.outputs.routes as object);
    const held = emulator.routes(GW).map((r) => `${r.RouteDest}@${r.NextHop}`);
    // The state records exactly the added routes the gateway holds.
    expect(added.filter((d) => recorded.includes(`${d}@${A}`)).sort()).toEqual(
      added.filter((d) => held.includes(`${d}@${A}`)).sort(),
    );
    expect(added.filter((d) => held.includes(`${d}@${A}`)).length).toBeGreaterThanOrEqual(2);
    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(added.every((d) => emulator.routes(GW).some((r) => r.RouteDest === d))).toBe(true);
    const createdOnce = writes().filter((w) => w.startsWith("CreateVpnRouteEntry"));
    expect(createdOnce.sort()).toEqual(added.map((d) => `CreateVpnRouteEntry ${d}@${A}`).sort());
  });

  it("a table create refused half-way is recorded with the routes it made, and the next up finishes it", async () => {
    await project.setConfig("fresh", { value: "true" });
    emulator.clearLog();
    const failed = await upRefusedHalfWay(project, emulator, FRESH_GW);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stdout).toContain("was changed only in part");
    const held = emulator.routes(FRESH_GW).map((r) => `${r.RouteDest}@${r.NextHop}`);
    expect(held.length).toBeGreaterThanOrEqual(2);
    expect(held.length).toBeLessThan(FRESH.length);
    expect(Object.keys((await tableState("fresh"))!.outputs.routes as object).sort()).toEqual(held.sort());

    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toMatchObject({ update: 1 });
    expect(
      emulator
        .routes(FRESH_GW)
        .map((r) => r.RouteDest)
        .sort(),
    ).toEqual([...FRESH].sort());
    expect(writes(FRESH_GW).sort()).toEqual(FRESH.map((d) => `CreateVpnRouteEntry ${d}@${A}`).sort());
  });

  it("moves a VpnGatewayRoutes to a VpnGatewayRouteTable and back without deleting or creating a route", async () => {
    await project.setConfig("move", { value: "component" });
    await project.up();
    expect(emulator.routes(MOVE_GW)).toHaveLength(MOVED.length);
    emulator.clearLog();
    for (const step of ["component-retain", "table", "table-retain", "component-adopt"]) {
      await project.setConfig("move", { value: step });
      const update = await project.up();
      expect(update.result).toBe("succeeded");
    }
    expect(writes(MOVE_GW)).toEqual([]);
    expect(emulator.routes(MOVE_GW)).toHaveLength(MOVED.length);
    const resources = (await project.exportStack()).deployment.resources ?? [];
    expect(
      resources
        .filter((r) => r.urn.includes("moved"))
        .map((r) => r.type)
        .sort(),
    ).toEqual(
      [
        "alicloud-vpn:index:VpnGatewayRoutes",
        ...MOVED.map(() => "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry"),
      ].sort(),
    );
  });
});
