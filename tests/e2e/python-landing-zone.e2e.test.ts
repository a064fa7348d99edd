/**
 * The landing zone in Python (examples/landing-zone-python) through this package's provider plugin and the real
 * engine, against the emulator (pluginLandingZone.ts). The SDK `pulumi package add` generates is installed into
 * the project's virtual environment; `pulumi import` generates Python.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { landingZoneThroughPlugin } from "./pluginLandingZone";
import { REPO_ROOT } from "./pulumi-cli";
import { describeWithPython, projectVirtualEnv } from "./python-suite";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 2);

/** Runs a snippet's resource constructors without an engine: Pulumi's mocks answer every registration. */
const MOCKED = `import pulumi
class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        return [args.name + "_id", args.inputs]
    def call(self, args):
        return {}
pulumi.runtime.set_mocks(Mocks(), preview=False)`;

describeWithPython("the landing zone in Python, through the provider plugin, against the emulator", (venv) =>
  landingZoneThroughPlugin(
    {
      exampleDir: path.join(REPO_ROOT, "examples", "landing-zone-python"),
      files: ["Pulumi.yaml", "__main__.py", "requirements.txt"],
      prepare: (project) => projectVirtualEnv(path.join(project.dir, "venv"), venv()),
      expectSdk(project, printed) {
        expect(printed).toContain("import pulumi_alicloud_vpn");
        const sdk = path.join(project.dir, "sdks", "alicloud-vpn", "pulumi_alicloud_vpn");
        expect(fs.existsSync(path.join(sdk, "vpn_route_entry.py"))).toBe(true);
      },
      // Under Pulumi's mocks: the SDK's names and arguments.
      expectGuideSnippets(project, guide) {
        const snippets = [...guide.matchAll(/^```python\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
        expect(snippets.length).toBeGreaterThan(0);
        for (const snippet of snippets) {
          const ran = spawnSync(
            path.join(project.dir, "venv", "bin", "python"),
            ["-c", `${MOCKED}\n${snippet}`],
            {
              cwd: project.dir,
              encoding: "utf8",
            },
          );
          expect([ran.status, ran.stderr]).toEqual([0, ""]);
        }
      },
      importOut: "imported.py",
      expectImported(generated, name, routeDest) {
        expect(generated).toContain(`alicloud_vpn.VpnRouteEntry("${name}"`);
        expect(generated).toContain(`route_dest="${routeDest}"`);
      },
      addToProgram(project, generated) {
        fs.appendFileSync(
          path.join(project.dir, "__main__.py"),
          `\nimport pulumi_alicloud_vpn as alicloud_vpn\n${generated}`,
        );
      },
    },
    29,
  ),
);
