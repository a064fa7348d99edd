/**
 * The provider plugin as a YAML user installs it (docs/other-languages.md): `npm pack`, then `npm ci --offline` of
 * the tarball into a folder of its own, outside this repository, and the guide's first YAML program, its
 * `packages` entry pointing at the installed package, deployed through the real engine against the emulator. The
 * other languages' suites start the plugin from this repository instead.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { installOffline, packThisPackage } from "../support/offlineInstall";
import { emulatorEnv } from "./emulator-env";
import { ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import { tableOf } from "./landingZoneTables";
import { describeWithYamlHost, outsideRepositoryWorkRoot } from "./yaml-suite";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 2);

const GW = "vpn-bp1a3kqjiiq9legfx0001";
const GUIDE_FOLDER = "/home/me/pulumi-packages/node_modules/alicloud-vpn-routes";

/** The guide's first YAML program: the one that shows where the installed package goes. */
function guideProgram(): string {
  const guide = fs.readFileSync(path.join(REPO_ROOT, "docs", "other-languages.md"), "utf8");
  const program = [...guide.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)]
    .map((m) => m[1])
    .find((text) => text.includes(GUIDE_FOLDER));
  if (!program) throw new Error(`docs/other-languages.md: no YAML program with packages at ${GUIDE_FOLDER}`);
  return program;
}

describeWithYamlHost(
  "the npm-packed provider plugin, installed in a folder of its own, from a YAML program",
  () => {
    let emulator: RunningEmulator;
    let project: PulumiProject;
    let workRoot: string;
    let installed: string;

    beforeAll(async () => {
      workRoot = outsideRepositoryWorkRoot();
      const packages = path.join(workRoot, "pulumi-packages");
      await installOffline({ dir: packages, tarball: await packThisPackage(workRoot) });
      installed = path.join(packages, "node_modules", "alicloud-vpn-routes");
      emulator = await startEmulator({
        configDelayMs: 20,
        seed: 37,
        gateways: [{ vpnGatewayId: GW, regionId: "cn-hangzhou" }],
      });
      project = await createPulumiProject({
        name: "hub",
        workRoot,
        files: { "Pulumi.yaml": guideProgram().replace(GUIDE_FOLDER, installed) },
        env: emulatorEnv(emulator, "cn-hangzhou"), // the stack's region, as a user configures it
      });
    });
    afterAll(async () => {
      await project?.dispose();
      await emulator?.stop();
      if (workRoot && process.env.E2E_KEEP !== "1") fs.rmSync(workRoot, { recursive: true, force: true });
    });

    it("the installed package holds the plugin's launcher, its compiled code and no tests", () => {
      expect(fs.statSync(path.join(installed, "pulumi-resource-alicloud-vpn")).mode & 0o111).not.toBe(0);
      expect(fs.existsSync(path.join(installed, "dist", "plugin", "main.js"))).toBe(true);
      expect(fs.existsSync(path.join(installed, "dist", "tests"))).toBe(false);
      expect(fs.existsSync(path.join(project.dir, "node_modules"))).toBe(false);
    });

    it("preview, up, a preview with no changes, destroy: the gateway's table as the guide declares it", async () => {
      // The stack, the default provider, the component, its 3 routes, the standalone route.
      expect((await project.preview()).changeSummary).toEqual({ create: 6 });
      expect((await project.up({ skipPreview: true })).changeSummary).toEqual({ create: 6 });
      expect(tableOf(emulator, GW)).toEqual([
        "10.20.0.0/16 vco-bp15oes1py4i66rmd0001 100 published",
        "10.20.0.0/16 vco-bp15oes1py4i66rmd0002 0 normal",
        "172.16.0.0/12 vco-bp15oes1py4i66rmd0003 100 published",
        "p5 192.168.50.0/24 10.30.0.0/16 vco-bp15oes1py4i66rmd0001 100 published",
      ]);
      expect((await project.preview(["--expect-no-changes"])).changeSummary).toEqual({ same: 6 });
      expect((await project.destroy()).changeSummary).toEqual({ delete: 6 });
      expect(tableOf(emulator, GW)).toEqual([]);
    });
  },
);
