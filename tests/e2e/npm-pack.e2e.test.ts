/**
 * The package as users get it: `npm pack`, then installed into a fresh TypeScript Pulumi project outside this
 * repository (so nothing resolves from the repository's node_modules), with the dependencies a
 * `pulumi new typescript` project has, by `npm ci --offline` from npm's cache (see offlineInstall.ts: tests
 * reach nothing but 127.0.0.1). The other engine suites use the harness's
 * `installPackage` (package.json + dist/ copied), which is faster but is not npm.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import { installOffline, packThisPackage } from "../support/offlineInstall";
import { emulatorEnv } from "./emulator-env";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 2);

const REGION = "cn-hangzhou";
const GW = "vpn-bp1packed0gateway00001";
const VCO = "vco-bp1packed0tunnel000001";
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
};
const NPM_TIMEOUT_MS = 120_000;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { VpnGatewayRoutes, type GatewayRouteStatus } from "${MANIFEST.name}";

const config = new pulumi.Config();
const edge = new VpnGatewayRoutes("edge", {
  vpnGatewayId: config.require("gateway"),
  defaults: { nextHop: config.require("connection") },
  routes: [{ routeDest: "10.60.0.0/16" }, { routeDest: "10.61.0.0/16", weight: 0, publishVpc: false }],
  policyRoutes: [{ routeSource: "192.168.70.0/24", routeDest: "10.62.0.0/16", priority: 7 }],
});

export const routes: pulumi.Output<Record<string, GatewayRouteStatus>> = edge.routes;
export const routeCount = edge.routeCount;
`;

/** As `pulumi new typescript` writes it. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

describeWithPulumi("the npm-packed package in a fresh TypeScript project", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let workRoot: string;

  beforeAll(async () => {
    workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-routes-pack-"));
    const tgz = await packThisPackage(workRoot, NPM_TIMEOUT_MS);

    emulator = await startEmulator({
      configDelayMs: 20,
      seed: 23,
      gateways: [{ vpnGatewayId: GW, regionId: REGION }],
    });
    project = await createPulumiProject({
      name: "packed",
      main: "index.ts",
      // Outside the repository: the project must find everything in its own node_modules.
      workRoot,
      files: {
        "index.ts": PROGRAM,
        "tsconfig.json": JSON.stringify(TSCONFIG, null, 2),
      },
      env: emulatorEnv(emulator, REGION),
      config: { gateway: GW, connection: VCO },
    });
    await installOffline({
      dir: project.dir,
      tarball: tgz,
      manifest: { name: "packed", main: "index.ts" },
      dependencies: ["@pulumi/pulumi"],
      devDependencies: ["typescript", "@types/node"],
      timeoutMs: NPM_TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
    if (workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
  });

  it("npm installed what `files` ships: the compiled package, without tests, examples or benchmarks", () => {
    const installed = path.join(project.dir, "node_modules", MANIFEST.name);
    expect(fs.realpathSync(installed).startsWith(fs.realpathSync(project.dir))).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "index.d.ts"))).toBe(true);
    for (const excluded of ["tests", "examples", "bench"]) {
      expect(fs.existsSync(path.join(installed, "dist", excluded))).toBe(false);
    }
  });

  it("previews (type-checking the program against the shipped types) and plans the three routes", async () => {
    const preview = await project.preview();
    // Offline, with the CLI's directory on PATH and nothing else: the dynamic provider plugin is found beside
    // `pulumi` (no "could not find latest version for provider pulumi-nodejs", no "from $PATH" warning).
    expect(preview.diagnostics).toEqual([]);
    expect(preview.changeSummary).toEqual({ create: 5 }); // stack, component, three routes
    expect(emulator.counts()).not.toHaveProperty("CreateVpnRouteEntry");
  });

  it("deploys, and a second preview has no changes", async () => {
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    expect(
      emulator
        .routes(GW)
        .map((r) => [r.RouteDest, r.Weight, r.State])
        .sort(),
    ).toEqual([
      ["10.60.0.0/16", 100, "published"],
      ["10.61.0.0/16", 0, "normal"],
    ]);
    expect(emulator.pbrRoutes(GW).map((r) => [r.RouteSource, r.RouteDest, r.Priority])).toEqual([
      ["192.168.70.0/24", "10.62.0.0/16", 7],
    ]);
    expect((await project.outputs()).routeCount).toBe(2);
    expect((await project.preview()).changeSummary).toEqual({ same: 5 });
  });

  it("destroys, leaving the gateway empty", async () => {
    await project.destroy();
    expect(emulator.routes(GW)).toEqual([]);
    expect(emulator.pbrRoutes(GW)).toEqual([]);
  });
});
