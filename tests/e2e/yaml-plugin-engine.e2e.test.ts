/**
 * What the provider plugin can do that the dynamic provider host cannot, through the real engine with a YAML
 * program: the notice of a long wait reaches the engine's log attached to the route that waits (its URN), and
 * Ctrl-C during a create's wait for its gateway ends the update promptly through the provider interface's
 * `cancel` (@pulumi/pulumi/provider's server calls it; no hook into gRPC), the route the gateway took recorded in
 * the state so the next `up` confirms it.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import { emulatorEnv, oncePerWrite, until } from "./emulator-env";
import { describeWithYamlHost, outsideRepositoryWorkRoot } from "./yaml-suite";
import * as fs from "fs";

const REGION = "cn-hangzhou";
const NOTICE_GW = "vpn-yamlnotice000000001";
const CANCEL_GW = "vpn-yamlcancel000000001";
const VCO = "vco-yamlplugin000000001";
const CANCEL_DEST = "10.70.0.0/16";
/** Each write to the cancel test's gateway keeps it busy this long: the wait outlasts the test unless cancelled. */
const CONFIG_DELAY_MS = 120_000;
/** What "promptly" means here: a small part of the time the gateway stays busy. */
const ENDS_WITHIN_MS = 30_000;
jest.setTimeout(CONFIG_DELAY_MS * 2);

const header = (name: string) =>
  `name: ${name}\nruntime: yaml\npackages:\n  alicloud-vpn: ${REPO_ROOT}\nresources:\n`;
const NOTICE_PROGRAM =
  header("yaml-notice") +
  `  hub:
    type: alicloud-vpn:index:VpnGatewayRoutes
    properties:
      vpnGatewayId: ${NOTICE_GW}
      defaults: { nextHop: ${VCO}, publishVpc: false }
      routes:
${[0, 1, 2, 3, 4, 5].map((i) => `        - routeDest: 10.70.${i}.0/24\n`).join("")}`;
const CANCEL_PROGRAM =
  header("yaml-cancel") +
  `  to-dc:
    type: alicloud-vpn:index:VpnRouteEntry
    properties: { vpnGatewayId: ${CANCEL_GW}, nextHop: ${VCO}, routeDest: ${CANCEL_DEST}, weight: 100, publishVpc: true }
`;

describeWithYamlHost(
  "the provider plugin through the engine: notices on the route's URN, a config typo, Cancel",
  () => {
    /** Answers at once; the notice test's. */
    let emulator: RunningEmulator;
    /** Keeps the gateway busy CONFIG_DELAY_MS after each write; the cancel test's. */
    let slow: RunningEmulator;
    let skewMs = 0;
    let workRoot: string;
    const projects: PulumiProject[] = [];

    beforeAll(async () => {
      workRoot = outsideRepositoryWorkRoot();
      emulator = await startEmulator({
        configDelayMs: 20,
        gateways: [{ vpnGatewayId: NOTICE_GW, regionId: REGION }],
      });
      slow = await startEmulator({
        configDelayMs: CONFIG_DELAY_MS,
        seed: 11,
        clock: () => Date.now() + skewMs,
        gateways: [{ vpnGatewayId: CANCEL_GW, regionId: REGION }],
      });
    });
    afterAll(async () => {
      for (const p of projects) await p.dispose();
      await emulator?.stop();
      await slow?.stop();
      if (workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
    });

    const project = async (
      name: string,
      program: string,
      api: RunningEmulator,
      config: Record<string, string> = {},
    ) => {
      const created = await createPulumiProject({
        name,
        workRoot,
        files: { "Pulumi.yaml": program },
        env: emulatorEnv(api, REGION),
        config,
      });
      projects.push(created);
      return created;
    };

    it("the rate limit's notice is a warning of the route that waits, once", async () => {
      const p = await project("yaml-notice", NOTICE_PROGRAM, emulator, {
        "alicloud-vpn:rateLimits": '{"CreateVpnRouteEntry": 6}',
      });
      const update = await p.up({ skipPreview: true });
      expect(update.result).toBe("succeeded");
      expect(emulator.routes(NOTICE_GW)).toHaveLength(6);
      const told = update.diagnostics.filter((d) => d.message.includes("alicloud-vpn:"));
      expect(told).toHaveLength(1);
      expect(told[0].severity).toBe("warning");
      expect(told[0].message.trim()).toMatch(
        /^alicloud-vpn: CreateVpnRouteEntry calls in cn-hangzhou wait their turn under the API's rate limit \(6 a minute for this account\): this one for (9\.\d|10) s\./,
      );
      // Attached to one of the table's routes, not to the stack.
      expect(told[0].urn).toMatch(
        /::alicloud-vpn:index:VpnGatewayRoutes\$alicloud-vpn:index:VpnRouteEntry::hub\/10\.70\.\d\.0\/24@/,
      );
      expect(told[0].message).not.toContain(emulator.credentials.accessKeySecret);
    });

    it("a config name the provider does not take (a typo) fails the preview, naming it; nothing is sent", async () => {
      const p = await project("yaml-typo", NOTICE_PROGRAM, emulator, { "alicloud-vpn:regoin": REGION });
      emulator.clearLog();
      await expect(p.preview()).rejects.toThrow(/unknown provider configuration \\?"regoin\\?"/);
      expect(emulator.requestLog()).toEqual([]);
    });

    it("SIGINT while a create waits: the up ends promptly, the route is in the state, the next up finishes it", async () => {
      const p = await project("yaml-cancel", CANCEL_PROGRAM, slow);
      const creates = () =>
        oncePerWrite(slow.requestLog()).filter(
          (e) => e.action === "CreateVpnRouteEntry" && e.params.VpnGatewayId === CANCEL_GW,
        );
      const looks = () =>
        slow
          .requestLog()
          .filter((e) => e.action === "DescribeVpnGateway" && e.params.VpnGatewayId === CANCEL_GW);
      const running = await p.start(["up", "--yes", "--skip-preview"]);
      await until(() => creates().length === 1 && looks().length > 0, CONFIG_DELAY_MS / 2);
      const signalledAt = Date.now();
      running.kill("SIGINT");
      const stopped = await running.done;
      const tookMs = Date.now() - signalledAt;
      console.log(
        `SIGINT during a gateway wait (plugin): pulumi up ended ${(tookMs / 1000).toFixed(1)} s after`,
      );
      expect(tookMs).toBeLessThan(ENDS_WITHIN_MS);
      expect(stopped.exitCode).not.toBe(0);
      expect(stopped.stdout).toContain("^C received; cancelling");
      expect(stopped.stdout).toContain("the gateway took the create, so the route is recorded in the state");
      const id = `${CANCEL_GW}:${VCO}:${CANCEL_DEST}`;
      const { deployment } = await p.exportStack();
      expect(
        (deployment.resources ?? []).filter((r) => r.type.endsWith(":VpnRouteEntry")).map((r) => r.id),
      ).toEqual([id]);
      expect(deployment.pending_operations ?? []).toEqual([]);

      skewMs += CONFIG_DELAY_MS;
      const again = await p.up({ skipPreview: true });
      expect(again.result).toBe("succeeded");
      expect(creates()).toHaveLength(1);
      expect(slow.routes(CANCEL_GW).map((r) => [r.RouteDest, r.Weight, r.State])).toEqual([
        [CANCEL_DEST, 100, "published"],
      ]);
      expect((await p.preview()).changeSummary).toEqual({ same: 2 });
    });
  },
);
