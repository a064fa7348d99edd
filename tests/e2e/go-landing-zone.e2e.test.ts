/**
 * The landing zone in Go (examples/landing-zone-go) through this package's provider plugin and the real engine,
 * against the emulator (pluginLandingZone.ts). `pulumi package add` generates the SDK and its `replace` line in
 * go.mod; the Go language host builds the program at every command, offline (OFFLINE_GO_ENV); `pulumi import`
 * generates Go.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { describeWithGo, OFFLINE_GO_ENV } from "./go-suite";
import type { PulumiProject } from "./harness";
import { landingZoneThroughPlugin } from "./pluginLandingZone";
import { REPO_ROOT } from "./pulumi-cli";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 2);

const SDK_MODULE = "example.com/pulumi-alicloud-vpn/sdk/go";

/** `go build` of `program` as package `dir` of the project's module (then removed): [exit status, stderr]. */
function buildsAsProgram(project: PulumiProject, dir: string, program: string) {
  const at = path.join(project.dir, dir);
  fs.mkdirSync(at);
  fs.writeFileSync(path.join(at, "main.go"), program);
  const built = spawnSync("go", ["build", "-o", path.join(project.workDir, "built"), "."], {
    cwd: at,
    env: project.env,
    encoding: "utf8",
  });
  fs.rmSync(at, { recursive: true });
  return [built.status, built.stderr];
}

describeWithGo("the landing zone in Go, through the provider plugin, against the emulator", () =>
  landingZoneThroughPlugin(
    {
      exampleDir: path.join(REPO_ROOT, "examples", "landing-zone-go"),
      files: ["Pulumi.yaml", "main.go", "go.mod", "go.sum"],
      env: OFFLINE_GO_ENV,
      expectSdk(project, printed) {
        expect(printed).toContain(`"${SDK_MODULE}/alicloudvpn"`);
        const sdk = path.join(project.dir, "sdks", "alicloud-vpn", "alicloudvpn");
        expect(fs.existsSync(path.join(sdk, "vpnRouteEntry.go"))).toBe(true);
        const goMod = fs.readFileSync(path.join(project.dir, "go.mod"), "utf8");
        expect(goMod).toContain(`replace ${SDK_MODULE} => ./sdks/alicloud-vpn`);
      },
      // Each snippet is a whole program: built as a package of the project's module, against the generated SDK.
      expectGuideSnippets(project, guide) {
        const snippets = [...guide.matchAll(/^```go\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
        expect(snippets.length).toBeGreaterThan(0);
        for (const [i, snippet] of snippets.entries())
          expect(buildsAsProgram(project, `guide-snippet-${i}`, snippet)).toEqual([0, ""]);
      },
      importOut: "imported.go",
      expectImported(generated, name, routeDest) {
        expect(generated).toContain(`"${SDK_MODULE}/alicloudvpn"`);
        expect(generated).toContain(`alicloudvpn.NewVpnRouteEntry(ctx, "${name}"`);
        expect(generated).toContain(`RouteDest:    pulumi.String("${routeDest}")`);
      },
      // The generated program builds as it is; its resource statement is moved into the landing zone's.
      addToProgram(project, generated) {
        expect(buildsAsProgram(project, "imported", generated)).toEqual([0, ""]);
        const statement = /^\t\t(_, err := alicloudvpn\.NewVpnRouteEntry[\s\S]*?\n\t\t}\n)/m.exec(generated);
        if (!statement) throw new Error(`no NewVpnRouteEntry statement in the generated Go:\n${generated}`);
        const main = path.join(project.dir, "main.go");
        const program = fs.readFileSync(main, "utf8");
        const anchor = '\t\tctx.Export("routeTables"';
        expect(program).toContain(anchor);
        fs.writeFileSync(main, program.replace(anchor, `${statement[1].replace(":=", "=")}${anchor}`));
      },
    },
    31,
  ),
);
