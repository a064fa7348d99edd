/**
 * The resources under the real engine (pulumi CLI, local backend, offline) against the emulator: up,
 * preview, refresh after drift, what the `import` resource option does for these dynamic resources, the
 * `adopt: true` alternative, and destroy. Uses the e2e harness (tests/e2e/harness.ts).
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VpcClient } from "../../provider/api";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "../e2e/engine-suite";
import { createPulumiProject, PulumiCommandError, type PulumiProject } from "../e2e/harness";
import { MAX_SERIALIZED_BYTES, ensureBuilt } from "./serialized/roundTrip";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 3);

const GW = "vpn-emu00000000000000001";
const VCO = "vco-emu00000000000000001";
const DBR_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry";
const PBR_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnPbrRouteEntry";
const EXTRA_DEST = "10.2.0.0/16";
const EXTRA_ID = `${GW}:${VCO}:${EXTRA_DEST}`;

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnRouteEntry, VpnPbrRouteEntry } = require("alicloud-vpn-routes");
const c = new pulumi.Config();
const base = { vpnGatewayId: c.require("gateway"), nextHop: c.require("nextHop"), publishVpc: true };
const route = new VpnRouteEntry("route", { ...base, routeDest: "10.1.0.0/16", weight: c.requireNumber("weight") });
const policy = new VpnPbrRouteEntry("policy", { ...base, routeSource: "192.168.0.0/24", routeDest: "10.9.0.0/16", weight: 100 });
const mode = c.get("mode") || "plain";
if (mode !== "plain") {
  const opts = mode === "import" ? { import: c.require("importId") } : {};
  new VpnRouteEntry("extra", { ...base, routeDest: "${EXTRA_DEST}", weight: 100, adopt: mode === "adopt" }, opts);
}
module.exports = { routeId: route.id, routeState: route.state, policyPriority: policy.priority, region: route.region };
`;

describeWithPulumi("VpnRouteEntry and VpnPbrRouteEntry under the engine", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    ensureBuilt();
    emulator = await startEmulator({ configDelayMs: 20, seed: 31 });
    project = await createPulumiProject({
      name: "vpnengine",
      files: { "index.js": PROGRAM },
      installPackage: true,
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
      config: {
        "alicloud:accessKey": emulator.credentials.accessKeyId,
        "alicloud:secretKey": { value: emulator.credentials.accessKeySecret, secret: true },
        "alicloud:region": "cn-hangzhou",
        "alicloud-vpn:endpoint": emulator.endpoint,
        gateway: GW,
        nextHop: VCO,
        weight: "100",
      },
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("up creates both routes; state holds a small __provider and no credential", async () => {
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toEqual({ create: 3 });
    expect(await project.outputs()).toEqual({
      routeId: `${GW}:${VCO}:10.1.0.0/16`,
      routeState: "published",
      policyPriority: 10,
      region: "cn-hangzhou",
    });
    expect(emulator.routes(GW)).toHaveLength(1);
    expect(emulator.pbrRoutes(GW)).toHaveLength(1);

    // The engine keeps the stack config as the default pulumi-nodejs provider's inputs (configure() needs
    // it); the secret is encrypted there. Our resources carry neither it nor any other setting.
    expect(JSON.stringify(await project.exportStack())).not.toContain(emulator.credentials.accessKeySecret);
    const state = await project.exportStack({ showSecrets: true });
    const ours = (state.deployment.resources ?? []).filter((r) => r.type === DBR_TYPE || r.type === PBR_TYPE);
    expect(ours).toHaveLength(2);
    const text = JSON.stringify(ours);
    expect(text).not.toContain(emulator.credentials.accessKeySecret);
    expect(text).not.toContain(emulator.credentials.accessKeyId);
    expect(text).not.toContain(emulator.endpoint);
    for (const r of ours) {
      const provider = r.outputs?.__provider;
      const code = typeof provider === "string" ? provider : (provider as { plaintext: string }).plaintext;
      expect(Buffer.byteLength(code)).toBeLessThanOrEqual(MAX_SERIALIZED_BYTES);
    }
  });

  it("a second preview changes nothing", async () => {
    expect((await project.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("refresh records drift, and up puts the program's weight back", async () => {
    emulator.drift.setWeight(GW, { routeDest: "10.1.0.0/16", nextHop: VCO }, 0);
    const refreshed = await project.refresh();
    expect(refreshed.result).toBe("succeeded");
    const route = (await project.exportStack()).deployment.resources?.find((r) => r.type === DBR_TYPE);
    expect(route?.outputs).toMatchObject({ weight: 0 });
    expect(route?.inputs).toMatchObject({ weight: 0 });
    expect((await project.preview()).changeSummary).toEqual({ same: 2, update: 1 });
    await project.up({ skipPreview: true });
    expect(emulator.routes(GW).find((r) => r.RouteDest === "10.1.0.0/16")?.Weight).toBe(100);
  });

  it("the import resource option cannot take over an existing route (the host gets no __provider)", async () => {
    const client = new VpcClient({
      endpoint: emulator.endpoint,
      credentials: emulator.credentials,
      region: "cn-hangzhou",
    });
    await client.createVpnRouteEntry({
      VpnGatewayId: GW,
      RouteDest: EXTRA_DEST,
      NextHop: VCO,
      Weight: 0,
      PublishVpc: false,
    });
    await client.waitForGatewayActive({ VpnGatewayId: GW }, { pollMs: 10 });
    client.destroy();
    await project.setConfig("mode", { value: "import" });
    await project.setConfig("importId", { value: EXTRA_ID });
    emulator.clearLog();
    const failed = await project.up({ skipPreview: true }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PulumiCommandError);
    const output =
      (failed as PulumiCommandError).result.stdout + (failed as PulumiCommandError).result.stderr;
    // The engine's import Read sends neither properties nor inputs (pkg/resource/deploy/step.go, ImportStep,
    // through CLI 3.276); the host needs `__provider` from them to find the provider code (pulumi/pulumi#3550),
    // so the import fails in the host, before our code runs: no API call, nothing recorded. The host's own
    // words for it differ between SDK versions and are not asserted.
    expect(output).toContain("extra **importing failed**");
    expect(emulator.counts()).toEqual({});
    const resources = (await project.exportStack()).deployment.resources ?? [];
    expect(resources.some((r) => r.urn.endsWith("::extra"))).toBe(false);
    expect(emulator.routes(GW).find((r) => r.RouteDest === EXTRA_DEST)).toMatchObject({ Weight: 0 });
  });

  it("adopt: true takes it over instead, and applies the program's settings", async () => {
    await project.setConfig("mode", { value: "adopt" });
    emulator.clearLog();
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    expect(emulator.counts().CreateVpnRouteEntry).toBeUndefined();
    expect(emulator.routes(GW).find((r) => r.RouteDest === EXTRA_DEST)).toMatchObject({
      Weight: 100,
      State: "published",
    });
    const extra = (await project.exportStack()).deployment.resources?.find((r) => r.urn.endsWith("::extra"));
    expect(extra?.id).toBe(EXTRA_ID);
  });

  it("destroy removes every route, the adopted one too", async () => {
    const destroyed = await project.destroy();
    expect(destroyed.result).toBe("succeeded");
    expect(emulator.routes(GW)).toEqual([]);
    expect(emulator.pbrRoutes(GW)).toEqual([]);
  });
});
