/**
 * A `pulumi up` held back by the account's API rate limit says so while it waits: the provider's notice
 * (provider/runtime/notices.ts) reaches the user under the stack, through the real engine and language host.
 * Six creates at a limit of 6 a minute: five go at once, the sixth waits its turn (about 10 s) and the update
 * tells which API, which region, the limit, and the setting that raises it. The API throttles nothing.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { emulatorEnv } from "./emulator-env";
import { createPulumiProject, type PulumiProject } from "./harness";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const REGION = "cn-hangzhou";
const GW = "vpn-ratenotice0000000001";
const VCO = "vco-ratenotice0000000001";

const PROGRAM = `"use strict";
const { VpnGatewayRoutes } = require("alicloud-vpn-routes");
new VpnGatewayRoutes("hub", {
  vpnGatewayId: "${GW}",
  routes: [0, 1, 2, 3, 4, 5].map((i) => ({ routeDest: "10.70." + i + ".0/24", nextHop: "${VCO}", weight: 100, publishVpc: false })),
});
`;

describeWithPulumi("the account's rate limit during pulumi up", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({
      configDelayMs: 20,
      gateways: [{ vpnGatewayId: GW, regionId: REGION }],
    });
    project = await createPulumiProject({
      name: "rate-notice",
      files: { "index.js": PROGRAM },
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
      config: { "alicloud-vpn:rateLimits": '{"CreateVpnRouteEntry": 6}' },
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("tells the user the sixth create waits its turn, and why, once", async () => {
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    expect(emulator.routes(GW)).toHaveLength(6);
    expect(emulator.requestLog().filter((e) => e.code?.includes("Throttling"))).toEqual([]);
    const told = update.diagnostics.filter((d) => d.message.includes("alicloud-vpn:"));
    expect(told).toHaveLength(1);
    expect(told[0].message.trim()).toMatch(
      /^alicloud-vpn: CreateVpnRouteEntry calls in cn-hangzhou wait their turn under the API's rate limit \(6 a minute for this account\): this one for (9\.\d|10) s\. If Alibaba raised the account's limits, say so in alicloud-vpn:rateLimits, e\.g\. \{"scale": 2\}\.$/,
    );
    expect(told[0].message).not.toContain(emulator.credentials.accessKeySecret);
  });
});
