/**
 * One VpnGatewayRoutes of 50 routes on one gateway, deployed by a real `pulumi up` (default parallelism): the
 * gateway takes one change at a time, and the user sees a successful update with exactly the declared table,
 * no busy-gateway error. The emulator's log shows why: no write ever reached the gateway while it was busy.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { emulatorEnv, oncePerWrite } from "./emulator-env";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const REGION = "cn-hangzhou";
const GW = "vpn-bp1fifty0gateway00001";
const VCO = "vco-bp1fifty0tunnel000001";
const ROUTES = 50;
const DESTS = Array.from({ length: ROUTES }, (_, i) => `10.${100 + i}.0.0/16`);

const PROGRAM = `"use strict";
const { VpnGatewayRoutes } = require("alicloud-vpn-routes");
const table = new VpnGatewayRoutes("hub", {
  vpnGatewayId: "${GW}",
  defaults: { nextHop: "${VCO}" },
  routes: ${JSON.stringify(DESTS)}.map((routeDest) => ({ routeDest })),
});
exports.routeCount = table.routeCount;
// Depends on the whole table: the SDK expands the component to its routes, built one turn at a time.
const pulumi = require("@pulumi/pulumi");
new pulumi.dynamic.Resource({ async create() { return { id: "after", outs: {} }; } }, "after-table", {}, { dependsOn: [table] });
`;

describeWithPulumi("a gateway's table of 50 routes in one component", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({
      configDelayMs: 100,
      seed: 50,
      gateways: [{ vpnGatewayId: GW, regionId: REGION }],
    });
    project = await createPulumiProject({
      name: "fifty",
      files: { "index.js": PROGRAM },
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("pulumi up converges to exactly the 50 routes, with no busy-gateway error reaching the user", async () => {
    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toEqual({ create: ROUTES + 3 }); // the stack, the component, after-table
    expect(update.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(JSON.stringify(update.events)).not.toContain("Configuring");
    expect(
      emulator
        .routes(GW)
        .map((r) => r.RouteDest)
        .sort(),
    ).toEqual([...DESTS].sort());
    const attempts = emulator.requestLog().filter((e) => e.action === "CreateVpnRouteEntry");
    expect(oncePerWrite(attempts)).toHaveLength(ROUTES);
    expect(attempts.filter((e) => e.code === "VpnGateway.Configuring")).toEqual([]);
  });

  it("records for each route the line of the program that declared its table, as its source position", async () => {
    // Each route registers with Error.stackTraceLimit at 0 (provider/resources.ts); the
    // SDK reads the source position with a limit of its own, so the state still points at the user's code.
    const state = await project.exportStack();
    const positions = (state.deployment.resources ?? [])
      .filter((r) => r.type === "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry")
      .map((r) => (r as { sourcePosition?: string }).sourcePosition);
    expect(positions).toHaveLength(ROUTES);
    expect(new Set(positions)).toEqual(new Set(["project:///index.js#3,15"]));
  });

  it("makes a resource with dependsOn: [table] depend on every route of the table", async () => {
    const resources = (await project.exportStack()).deployment.resources ?? [];
    const routeUrns = resources
      .filter((r) => r.type === "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry")
      .map((r) => r.urn);
    const after = resources.find((r) => r.urn.endsWith("::after-table"));
    expect(routeUrns).toHaveLength(ROUTES);
    expect([...(after?.dependencies ?? [])].sort()).toEqual(routeUrns.sort());
  });
});
