/**
 * A VpnGatewayRoutes table with mistakes, under the real engine: the user sees one error of the component that
 * lists every problem, with no stack trace and not as "an unhandled exception" (which reads as a crash of this
 * package). The same for a route table read from stack config that has the wrong shape.
 */
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, PulumiCommandError, type PulumiProject } from "./harness";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const GW = "vpn-bp1mistake0gateway001";
const A = "vco-bp1mistake0tunnel0001";
const B = "vco-bp1mistake0tunnel0002";
const C = "vco-bp1mistake0tunnel0003";
const COMPONENT_TYPE = "alicloud-vpn:index:VpnGatewayRoutes";

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRoutes, routeTablesFromConfig } = require("alicloud-vpn-routes");
if (new pulumi.Config().getBoolean("fromConfig")) {
  for (const [name, table] of Object.entries(routeTablesFromConfig(new pulumi.Config(), "tables"))) {
    new VpnGatewayRoutes(name, table);
  }
} else {
  new VpnGatewayRoutes("hub", {
    vpnGatewayId: "${GW}",
    region: "cn-hangzhou",
    defaults: { nextHop: "${A}" },
    routes: [
      { routeDest: "10.1.0.0/16" },
      { routeDest: "10.1.0.0/16" },
      { routeDest: "10.2.0.0/16" },
      { routeDest: "10.2.0.0/16", nextHop: "${B}" },
      { routeDest: "10.3.0.0/16" },
      { routeDest: "10.3.0.0/16", nextHop: "${B}", weight: 0 },
      { routeDest: "10.3.0.0/16", nextHop: "${C}", weight: 0 },
    ],
  });
}
`;

/** What a stack trace looks like in Node's output: "    at fn (file:line:col)". */
const STACK_FRAME = /^\s+at .+[:(]\d+/m;

describeWithPulumi("a component's table with mistakes", () => {
  let project: PulumiProject;

  beforeAll(async () => {
    project = await createPulumiProject({
      name: "mistakes",
      files: { "index.js": PROGRAM },
      installPackage: true,
    });
  });
  afterAll(async () => {
    await project?.dispose();
  });

  const failedPreview = async () => {
    const failed = await project.preview().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PulumiCommandError);
    const { preview, result } = failed as PulumiCommandError;
    const errors = (preview?.diagnostics ?? []).filter((d) => d.severity === "error");
    return { errors, output: result.stdout + result.stderr + result.programOutput };
  };

  it("duplicates, two active next hops, a third route for a destination: one error of the component, every problem listed, no stack", async () => {
    const { errors, output } = await failedPreview();
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error.urn).toContain(`::${COMPONENT_TYPE}::hub`);
    expect(error.message).toContain('VpnGatewayRoutes "hub" has 3 problem(s) in its route table:');
    expect(error.message).toContain(
      `routes[0] and routes[1] are the same route (10.1.0.0/16@${A}): remove the duplicate.`,
    );
    expect(error.message).toContain(
      "routes[2] (10.2.0.0/16) and routes[3] (10.2.0.0/16) are both active (weight 100) for one destination",
    );
    expect(error.message).toContain(
      "routes[4] (10.3.0.0/16), routes[5] (10.3.0.0/16), routes[6] (10.3.0.0/16) are 3 routes for one destination; " +
        "the gateway takes an active/standby pair",
    );
    expect(output).not.toContain("unhandled exception");
    expect(output).not.toMatch(STACK_FRAME);
    expect(output).not.toContain("planRoutes");
  });

  it("a table in stack config with the wrong shape: its message alone, no stack", async () => {
    await project.setConfig("fromConfig", { value: "true" });
    await project.setConfig("tables", {
      value: JSON.stringify({ hub: { vpnGatewayId: GW, route: [] } }),
    });
    const { errors, output } = await failedPreview();
    expect(errors.map((e) => e.message.trim())).toEqual([
      "error: config mistakes:tables.hub has unknown key(s) route: expected vpnGatewayId, region, routes, policyRoutes, defaults, routeQuota, adopt.",
    ]);
    expect(output).not.toContain("unhandled exception");
    expect(output).not.toMatch(STACK_FRAME);
  });
});
