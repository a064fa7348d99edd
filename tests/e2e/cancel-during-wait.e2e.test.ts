/**
 * Ctrl-C (SIGINT) or SIGTERM to `pulumi up` while a create waits for its gateway: the CLI cancels and the engine
 * sends Cancel to the provider, then waits for the operations in flight. Before, the Node dynamic provider host
 * ignored that Cancel and the wait went on until the gateway was active again (or the 10-minute deadline); now
 * the provider ends its waits at once, and the route whose create the gateway already took is recorded in the state
 * (created, "failed to initialise"), so the next `up` confirms it and creates nothing twice.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { emulatorEnv, oncePerWrite, until } from "./emulator-env";

const REGION = "cn-hangzhou";
const VCO = "vco-emu00000000000000001";
const DEST = "10.70.0.0/16";
/** Each write keeps its gateway busy this long: the create's wait outlasts the test unless it is cancelled. */
const CONFIG_DELAY_MS = 120_000;
/** What "promptly" means here: a small part of the time the gateway stays busy. */
const ENDS_WITHIN_MS = 30_000;
jest.setTimeout(CONFIG_DELAY_MS * 2);

const program = (gateway: string) => `"use strict";
const { VpnRouteEntry } = require("alicloud-vpn-routes");
new VpnRouteEntry("to-dc", { vpnGatewayId: "${gateway}", nextHop: "${VCO}", routeDest: "${DEST}", weight: 100, publishVpc: true });
`;

const CASES = [
  { signal: "SIGINT" as const, gateway: "vpn-emu00000000000000001", says: "^C received; cancelling" },
  { signal: "SIGTERM" as const, gateway: "vpn-emu00000000000000002", says: "SIGTERM received; cancelling" },
];

describeWithPulumi("Ctrl-C or SIGTERM while a create waits for its gateway", () => {
  let emulator: RunningEmulator;
  /** Moves the emulator's clock: the busy gateway is active again once it has passed CONFIG_DELAY_MS. */
  let skewMs = 0;
  const projects: PulumiProject[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      configDelayMs: CONFIG_DELAY_MS,
      seed: 7,
      clock: () => Date.now() + skewMs,
      gateways: CASES.map(({ gateway }) => ({ vpnGatewayId: gateway, regionId: REGION })),
    });
  });
  afterAll(async () => {
    for (const p of projects) await p.dispose();
    await emulator?.stop();
  });

  const createsOn = (gateway: string) =>
    oncePerWrite(emulator.requestLog()).filter(
      (e) => e.action === "CreateVpnRouteEntry" && e.params.VpnGatewayId === gateway,
    );
  const looksAt = (gateway: string) =>
    emulator
      .requestLog()
      .filter((e) => e.action === "DescribeVpnGateway" && e.params.VpnGatewayId === gateway);

  it.each(CASES)(
    "$signal: the up ends promptly, the route is in the state, the next up finishes it",
    async (c) => {
      const project = await createPulumiProject({
        name: "cancel-wait",
        files: { "index.js": program(c.gateway) },
        installPackage: true,
        env: emulatorEnv(emulator, REGION),
      });
      projects.push(project);

      const running = await project.start(["up", "--yes", "--skip-preview"]);
      // The create was answered and the provider is asking the busy gateway whether it is active again.
      await until(
        () => createsOn(c.gateway).length === 1 && looksAt(c.gateway).length > 0,
        CONFIG_DELAY_MS / 2,
      );
      const signalledAt = Date.now();
      running.kill(c.signal);
      const stopped = await running.done;
      const tookMs = Date.now() - signalledAt;
      console.log(
        `${c.signal} during a gateway wait: pulumi up ended ${(tookMs / 1000).toFixed(1)} s after the signal`,
      );
      expect(tookMs).toBeLessThan(ENDS_WITHIN_MS);
      expect(stopped.exitCode).not.toBe(0);
      expect(stopped.stdout).toContain(c.says);
      expect(stopped.stdout).toContain("the gateway took the create, so the route is recorded in the state");

      // Recorded, nothing pending: no orphan for `pulumi refresh --clear-pending-creates` or `adopt` to find.
      const id = `${c.gateway}:${VCO}:${DEST}`;
      const { deployment } = await project.exportStack();
      const routes = (deployment.resources ?? []).filter((r) => r.type.endsWith(":VpnRouteEntry"));
      expect(routes.map((r) => r.id)).toEqual([id]);
      expect(deployment.pending_operations ?? []).toEqual([]);

      // The gateway finishes applying; the next up confirms the route and creates nothing twice.
      skewMs += CONFIG_DELAY_MS;
      const again = await project.up({ skipPreview: true });
      expect(again.result).toBe("succeeded");
      expect(createsOn(c.gateway)).toHaveLength(1);
      expect(emulator.routes(c.gateway).map((r) => [r.RouteDest, r.Weight, r.State])).toEqual([
        [DEST, 100, "published"],
      ]);
      const after = await project.exportStack();
      const route = (after.deployment.resources ?? []).find((r) => r.id === id);
      expect(route?.outputs?.state).toBe("published");
      expect((await project.preview()).changeSummary).toEqual({ same: 2 });
    },
  );
});
