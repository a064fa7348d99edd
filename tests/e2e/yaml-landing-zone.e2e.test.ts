/**
 * The landing zone in Pulumi YAML (examples/landing-zone-yaml) through this package's provider plugin and the real
 * engine, against the emulator: preview, up, a preview with no changes, the failover of a destination (weights
 * swapped, shown per property by the plugin's detailed diff), refresh after a route went missing, `pulumi import`
 * of routes made outside Pulumi (the CLI command and the `import` resource option), destroy. The project lives
 * outside the repository and has no node_modules: the plugin runs from the package's folder (here: this
 * repository, built), found through the project's `packages:` entry.
 */
import * as fs from "fs";
import * as path from "path";
import type { RunningEmulator } from "../../emulator";
import { ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import {
  branchCreates,
  declaredTables,
  hangzhouFailedOver,
  outsideRoute,
  stackConfig,
  startLandingZoneEmulator,
  tableOf,
} from "./landingZoneTables";
import { describeWithYamlHost, outsideRepositoryWorkRoot } from "./yaml-suite";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "landing-zone-yaml");
const ROUTE_TYPE = "alicloud-vpn:index:VpnRouteEntry";

/** The example's program with its `packages:` entry pointing at this repository (the package's folder). */
function program(edit: (text: string) => string = (t) => t): string {
  const text = fs.readFileSync(path.join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8");
  const pointed = text.replace(/^(\s+alicloud-vpn: )\.\.\/\.\.$/m, `$1${REPO_ROOT}`);
  if (pointed === text)
    throw new Error("examples/landing-zone-yaml/Pulumi.yaml: no `alicloud-vpn: ../..` entry");
  return edit(pointed);
}

/** The demo stack's config. */
const config = () => stackConfig(fs.readFileSync(path.join(EXAMPLE_DIR, "Pulumi.demo.yaml"), "utf8"));

describeWithYamlHost("the landing zone in YAML, through the provider plugin, against the emulator", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let workRoot: string;
  let cfg: Record<string, string>;
  const c = (key: string) => cfg[`landing-zone-yaml:${key}`];

  const table = (gw: string) => tableOf(emulator, gw);
  const writeProgram = (text: string) => fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), text);

  beforeAll(async () => {
    cfg = config();
    const started = await startLandingZoneEmulator(c, 23);
    emulator = started.emulator;
    workRoot = outsideRepositoryWorkRoot();
    project = await createPulumiProject({
      name: "landing-zone-yaml",
      workRoot,
      files: { "Pulumi.yaml": program() },
      config: cfg,
      env: started.env,
    });
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
    if (workRoot && process.env.E2E_KEEP !== "1") fs.rmSync(workRoot, { recursive: true, force: true });
  });

  it("the project has no node_modules of its own", () => {
    expect(fs.existsSync(path.join(project.dir, "node_modules"))).toBe(false);
    expect(project.dir.startsWith(REPO_ROOT)).toBe(false);
  });

  it("preview, then up: every table as declared, the branch's routes in the member account", async () => {
    const preview = await project.preview();
    // Stack, the member account's provider, 3 components, 5 + 7 destination routes, 7 policy routes, on-premises.
    expect(preview.changeSummary).toEqual({ create: 25 });
    expect(preview.diagnostics).toEqual([]);
    emulator.clearLog();
    const update = await project.up({ skipPreview: true });
    expect(update.changeSummary).toEqual({ create: 25 });
    for (const [gateway, routes] of Object.entries(declaredTables(c)))
      expect(table(c(gateway))).toEqual(routes);
    // The branch's writes: in the member account, signed with a session of the assumed role (one AssumeRole).
    expect(branchCreates(emulator, c)).toEqual({ count: 7, inMemberAccount: true });
    expect(emulator.requestLog().filter((e) => e.action === "AssumeRole")).toHaveLength(1);

    const outputs = (await project.outputs()) as {
      routeCounts: Record<string, number>;
      routeTables: Record<string, Record<string, { id: string; kind: string; weight: number }>>;
      onPremisesRoute: { id: string; state: string };
    };
    expect(outputs.routeCounts).toEqual({ "hub-hangzhou": 5, "hub-shanghai": 7, "branch-office": 7 });
    expect(outputs.routeTables["hub-hangzhou"][`10.20.0.0/16@${c("hzToShPrimary")}`]).toEqual({
      id: `${c("hubHangzhouGateway")}:${c("hzToShPrimary")}:10.20.0.0/16`,
      kind: "dbr",
      state: "published",
      weight: 100,
      published: true,
    });
    expect(outputs.onPremisesRoute).toEqual({
      id: `${c("hubHangzhouGateway")}:${c("onPremises")}:172.16.0.0/12`,
      state: "published",
    });
  });

  it("a second preview has no changes", async () => {
    const preview = await project.preview(["--expect-no-changes"]);
    expect(preview.changeSummary).toEqual({ same: 25 });
    expect(preview.diagnostics).toEqual([]);
  });

  it("failover of 10.20.0.0/16 on the Hangzhou hub: the preview names weight and publishVpc as in-place updates", async () => {
    const primary = `{ routeDest: 10.20.0.0/16, nextHop: "\${hzToShPrimary}", weight: 100 }`;
    const standby = `{ routeDest: 10.20.0.0/16, nextHop: "\${hzToShStandby}", weight: 0, publishVpc: false }`;
    writeProgram(
      program((t) =>
        t
          .replace(
            primary,
            `{ routeDest: 10.20.0.0/16, nextHop: "\${hzToShPrimary}", weight: 0, publishVpc: false }`,
          )
          .replace(standby, `{ routeDest: 10.20.0.0/16, nextHop: "\${hzToShStandby}", weight: 100 }`),
      ),
    );
    const raw = await project.run(["preview", "--json"]);
    const doc = JSON.parse(raw.stdout) as {
      changeSummary: Record<string, number>;
      steps: { op: string; urn: string; detailedDiff?: Record<string, { kind: string }> }[];
    };
    expect(doc.changeSummary).toEqual({ update: 2, same: 23 });
    const updates = doc.steps.filter((s) => s.op === "update");
    expect(updates.map((s) => s.urn.split("::").pop()).sort()).toEqual([
      `hub-hangzhou/10.20.0.0/16@${c("hzToShPrimary")}`,
      `hub-hangzhou/10.20.0.0/16@${c("hzToShStandby")}`,
    ]);
    for (const step of updates) {
      expect(step.detailedDiff).toEqual({
        weight: { kind: "update", inputDiff: true },
        publishVpc: { kind: "update", inputDiff: true },
      });
    }

    const update = await project.up({ skipPreview: true });
    expect(update.changeSummary).toEqual({ update: 2, same: 23 });
    expect(table(c("hubHangzhouGateway")).slice(0, 2)).toEqual(hangzhouFailedOver(c));
  });

  it("refresh finds a route deleted outside Pulumi; the next up creates it again", async () => {
    await outsideRoute(emulator, c, "delete", "172.16.0.0/12");
    const refreshed = await project.refresh();
    expect(refreshed.changeSummary).toEqual({ delete: 1, same: 24 });
    const update = await project.up({ skipPreview: true });
    expect(update.changeSummary).toEqual({ create: 1, same: 24 });
    expect(table(c("hubHangzhouGateway"))).toContain(
      `172.16.0.0/12 ${c("onPremises")} 100 published "on-premises data centre"`,
    );
  });

  it("imports routes made outside Pulumi: `pulumi import` with the route's ID, and the `import` resource option", async () => {
    for (const dest of ["10.98.0.0/16", "10.99.0.0/16"]) await outsideRoute(emulator, c, "create", dest);
    const idOf = (dest: string) => `${c("hubHangzhouGateway")}:${c("onPremises")}:${dest}`;

    const code = path.join(project.workDir, "imported.yaml");
    const imported = await project.run([
      "import",
      ROUTE_TYPE,
      "dc-backup",
      idOf("10.99.0.0/16"),
      "--yes",
      "--protect=false",
      "--out",
      code,
    ]);
    expect(imported.stdout).toContain("dc-backup imported");
    // The code to add to the program, generated from the schema and the route as read (YAML's short token).
    const generated = fs.readFileSync(code, "utf8");
    expect(generated).toContain("type: alicloud-vpn:VpnRouteEntry");
    expect(generated).toContain("routeDest: 10.99.0.0/16");
    expect(generated).toContain("weight: 100");
    const state = await project.exportStack();
    const cli = state.deployment.resources?.find((r) => r.urn.endsWith("::dc-backup"));
    expect(cli).toMatchObject({
      type: ROUTE_TYPE,
      id: idOf("10.99.0.0/16"),
      outputs: { weight: 100, publishVpc: true, state: "published", region: "cn-hangzhou" },
    });

    const declared = (name: string, dest: string, importId?: string) =>
      `  ${name}:\n    type: ${ROUTE_TYPE}\n    properties:\n      vpnGatewayId: \${hubHangzhouGateway}\n` +
      `      region: cn-hangzhou\n      routeDest: ${dest}\n      nextHop: \${onPremises}\n      weight: 100\n` +
      `      publishVpc: true\n` +
      (importId ? `    options:\n      import: ${importId}\n` : "");
    const current = fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8");
    writeProgram(
      current.replace(
        "\noutputs:\n",
        `\n${declared("dc-backup", "10.99.0.0/16")}${declared("dc-spare", "10.98.0.0/16", idOf("10.98.0.0/16"))}outputs:\n`,
      ),
    );
    const update = await project.up({ skipPreview: true });
    expect(update.changeSummary).toEqual({ import: 1, same: 26 });
    const preview = await project.preview(["--expect-no-changes"]);
    expect(preview.changeSummary).toEqual({ same: 27 });
  });

  it("destroy leaves every gateway empty", async () => {
    const destroyed = await project.destroy();
    expect(destroyed.changeSummary).toEqual({ delete: 27 });
    for (const gw of ["hubHangzhouGateway", "hubShanghaiGateway", "branchGateway"])
      expect(table(c(gw))).toEqual([]);
  });
});
