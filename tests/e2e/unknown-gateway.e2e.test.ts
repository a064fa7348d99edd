/**
 * examples/unknown-gateway under the engine: the routes' gateway id is another resource's output, unknown at
 * the first preview. The preview still plans every route (the provider lets the unknown through), `up` puts them
 * on the gateway the other resource reports, and a second preview has nothing to do.
 */
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import { emulatorEnv } from "./emulator-env";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const REGION = "cn-shanghai";
const GW = "vpn-uf6office0gateway00001";
const VCO = "vco-uf6office0tunnel000001";
/** What the engine shows for a value known only after apply (sdk/go/common/resource/plugin). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const DBR_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry";
const PBR_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnPbrRouteEntry";

interface PreviewJsonStep {
  op: string;
  urn: string;
  newState?: { type: string; inputs?: Record<string, unknown> };
}

describeWithPulumi("examples/unknown-gateway: a gateway id unknown at the first preview", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({
      configDelayMs: 30,
      seed: 3,
      gateways: [{ vpnGatewayId: GW, regionId: REGION }],
    });
    project = await createPulumiProject({
      programDir: path.join(REPO_ROOT, "examples", "unknown-gateway"),
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
      config: { gatewayId: GW, connectionId: VCO },
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("the first preview plans every route with the gateway id unknown, and calls no write", async () => {
    const result = await project.run(["preview", "--json"], { withProgram: true });
    const steps = (JSON.parse(result.stdout) as { steps: PreviewJsonStep[] }).steps;
    const routes = steps.filter((s) => s.newState?.type === DBR_TYPE || s.newState?.type === PBR_TYPE);
    expect(routes.map((s) => [s.op, s.urn.split("::").pop()]).sort()).toEqual([
      ["create", "office/10.30.0.0/16@" + VCO],
      ["create", "office/10.31.0.0/16@" + VCO],
      ["create", "office/192.168.60.0/24>10.32.0.0/16@" + VCO],
    ]);
    for (const step of routes) expect(step.newState?.inputs?.vpnGatewayId).toBe(UNKNOWN);
    expect(steps.find((s) => s.urn.endsWith("::office-gateway"))?.op).toBe("create");
    expect(emulator.counts()).toEqual({});
  });

  it("up puts the routes on the gateway the other resource reports", async () => {
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toEqual({ create: 6 }); // stack, stand-in gateway, component, three routes
    expect(
      emulator
        .routes(GW)
        .map((r) => [r.RouteDest, r.Weight, r.State])
        .sort(),
    ).toEqual([
      ["10.30.0.0/16", 100, "published"],
      ["10.31.0.0/16", 0, "normal"],
    ]);
    expect(emulator.pbrRoutes(GW).map((r) => [r.RouteSource, r.RouteDest, r.Priority])).toEqual([
      ["192.168.60.0/24", "10.32.0.0/16", 5],
    ]);
    const outputs = await project.outputs();
    expect(outputs.gatewayId).toBe(GW);
    expect(Object.keys(outputs.routes as object).sort()).toEqual([
      `10.30.0.0/16@${VCO}`,
      `10.31.0.0/16@${VCO}`,
      `192.168.60.0/24>10.32.0.0/16@${VCO}`,
    ]);
  });

  it("a second preview has no changes, and destroy empties the gateway", async () => {
    expect((await project.preview()).changeSummary).toEqual({ same: 6 });
    await project.destroy();
    expect(emulator.routes(GW)).toEqual([]);
    expect(emulator.pbrRoutes(GW)).toEqual([]);
  });
});
