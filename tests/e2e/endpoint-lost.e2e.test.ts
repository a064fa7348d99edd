/**
 * The VPC endpoint goes away in the middle of `pulumi up` (a proxy restarted, a VPN dropped), with creates
 * queued on a gateway. Found by trying it as a user: the route whose create the gateway had just taken was left
 * out of the state (only a cancellation recorded it), so the next `up` refused it as existing and asked for
 * `adopt: true`; and each queued create spent its own 15 s on the refused connection, one after the other. Now
 * the taken route is recorded, the queued ones fail within the first one's 15 s, and the next `up`, the
 * endpoint back, finishes the table without `adopt` and without creating anything twice.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { emulatorEnv, oncePerWrite } from "./emulator-env";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const REGION = "cn-hangzhou";
const GW = "vpn-emu00000000000000001";
const VCO = "vco-emu00000000000000001";
const DESTS = Array.from({ length: 6 }, (_, i) => `10.${50 + i}.0.0/16`);
/** Each create keeps the gateway busy this long, so the later ones are queued when the endpoint goes. */
const CONFIG_DELAY_MS = 500;
/** The endpoint goes once this many creates have reached the API. */
const CREATES_BEFORE_LOSS = 2;
/** One run of refused connections (15 s) plus the engine's start and stop, with room; 4 x 15 s before. */
const FAILS_WITHIN_MS = 35_000;

const PROGRAM = `"use strict";
const { VpnRouteEntry } = require("alicloud-vpn-routes");
for (const routeDest of ${JSON.stringify(DESTS)}) {
  new VpnRouteEntry(routeDest, { vpnGatewayId: "${GW}", nextHop: "${VCO}", routeDest, weight: 100, publishVpc: true });
}
`;

describeWithPulumi("the endpoint lost in the middle of an up", () => {
  let stateDir: string;
  let emulator: RunningEmulator;
  let project: PulumiProject;
  /** The same endpoint, keys and routes after a restart. */
  const start = (port = 0) =>
    startEmulator({
      port,
      configDelayMs: CONFIG_DELAY_MS,
      seed: 8,
      stateFile: path.join(stateDir, "emulator.json"),
      gateways: [{ vpnGatewayId: GW, regionId: REGION }],
    });

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "endpoint-lost-"));
    emulator = await start();
    project = await createPulumiProject({
      name: "endpoint-lost",
      files: { "index.js": PROGRAM },
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("records the route the gateway took, fails the rest in one run of 15 s, and the next up finishes", async () => {
    const creates = () =>
      oncePerWrite(emulator.requestLog()).filter((e) => e.action === "CreateVpnRouteEntry");
    const running = await project.start(["up", "--yes", "--skip-preview"]);
    const deadline = Date.now() + ENGINE_TEST_TIMEOUT_MS / 2;
    while (creates().length < CREATES_BEFORE_LOSS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(creates()).toHaveLength(CREATES_BEFORE_LOSS);
    const port = Number(new URL(emulator.endpoint).port);
    const lostAt = Date.now();
    await emulator.stop();
    const failed = await running.done;
    const tookMs = Date.now() - lostAt;
    console.log(`endpoint lost: pulumi up failed ${(tookMs / 1000).toFixed(1)} s after it`);
    expect(failed.exitCode).not.toBe(0);
    expect(tookMs).toBeLessThan(FAILS_WITHIN_MS);
    expect(failed.stdout).toContain("was created, but the create did not finish: ");
    expect(failed.stdout).toContain(`Nothing accepts connections at ${emulator.endpoint}`);

    // The state holds every route the gateway has: the ones confirmed and the one it took last. (The stopped
    // emulator still answers what it held; its state file, the same, is what the restart below serves.)
    const taken = emulator.routes(GW).map((r) => r.RouteDest);
    expect(taken).toHaveLength(CREATES_BEFORE_LOSS);
    const { deployment } = await project.exportStack();
    const recorded = (deployment.resources ?? [])
      .filter((r) => r.type.endsWith(":VpnRouteEntry"))
      .map((r) => r.id);
    expect(recorded.sort()).toEqual(taken.map((d) => `${GW}:${VCO}:${d}`).sort());

    // The endpoint back (same port, keys and routes): a plain `up`, no adopt, creates only what is missing.
    emulator = await start(port);
    await project.up({ skipPreview: true });
    expect(
      emulator
        .routes(GW)
        .map((r) => r.RouteDest)
        .sort(),
    ).toEqual([...DESTS].sort());
    const createdNow = creates().map((e) => e.params.RouteDest);
    expect(createdNow.sort()).toEqual(DESTS.filter((d) => !taken.includes(d)).sort());
    await project.preview(["--expect-no-changes"]);
  });
});
