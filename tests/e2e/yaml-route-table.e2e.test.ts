/**
 * VpnGatewayRouteTable served by the provider plugin, through the real CLI from a YAML program against the
 * emulator: the preview of a failover, an added and a removed route lists those routes and only those (the
 * plugin's detailed diff keyed by route; the dynamic table cannot return one), `pulumi refresh` names the
 * route deleted outside Pulumi, an exclusive table names the undeclared route it deletes, and an update refused
 * half-way is recorded as the gateway holds it.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import { emulatorEnv, oncePerWrite } from "./emulator-env";
import { createRouteOutside, upRefusedHalfWay } from "./tableFaults";
import { describeWithYamlHost, outsideRepositoryWorkRoot } from "./yaml-suite";
import { ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";

const REGION = "cn-hangzhou";
const GW = "vpn-yamltable0000000001";
const A = "vco-yamltable0a00000001";
const B = "vco-yamltable0b00000001";
const DEST = "10.20.0.0/16";
const OTHERS = ["10.30.0.0/16", "10.31.0.0/16", "10.32.0.0/16"];
const TABLE_TOKEN = "alicloud-vpn:index:VpnGatewayRouteTable";
jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

/** The table's program: `active` is the next hop of DEST that carries the traffic; `dests` the other routes. */
const program = (active: string, dests: string[], exclusive = false) =>
  `name: yaml-table\nruntime: yaml\npackages:\n  alicloud-vpn: ${REPO_ROOT}\nresources:
  hub:
    type: ${TABLE_TOKEN}
    properties:
      vpnGatewayId: ${GW}
      exclusive: ${exclusive}
      defaults: { nextHop: ${A} }
      routes:
        - { routeDest: ${DEST}, weight: ${active === A ? 100 : 0} }
        - { routeDest: ${DEST}, nextHop: ${B}, weight: ${active === B ? 100 : 0} }
${dests.map((d) => `        - { routeDest: ${d} }\n`).join("")}      policyRoutes:
        - { routeSource: 192.168.10.0/24, routeDest: 10.40.0.0/16, priority: 5 }
outputs:
  statuses: \${hub.statuses}
`;

/**
 * The lines of `pulumi preview --diff` / `refresh --diff` under the table that carry a mark (+, -, ~), from the
 * table's last block (a refreshing preview prints the refresh's block first).
 */
function markedLines(text: string): string[] {
  const start = text.lastIndexOf(`${TABLE_TOKEN}: (`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("Resources:", start);
  return text
    .slice(start, end < 0 ? undefined : end)
    .split("\n")
    .slice(1)
    .filter((line) => /^\s*[-+~] /.test(line))
    .map((line) => line.trim().replace(/\s+/g, " "));
}

/** How the engine prints a route of A added (+) or removed (-): its key, then each of its settings. */
const routeLines = (mark: string, dest: string) => [
  `${mark} ${dest}@${A}: {`,
  `${mark} nextHop : "${A}"`,
  `${mark} publishVpc: true`,
  `${mark} routeDest : "${dest}"`,
  `${mark} weight : 100`,
];

describeWithYamlHost(
  "VpnGatewayRouteTable from YAML through the plugin: the preview lists each changed route",
  () => {
    let emulator: RunningEmulator;
    let workRoot: string;
    let project: PulumiProject;

    const writeProgram = (text: string) => fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), text);
    const writes = () =>
      oncePerWrite(emulator.requestLog())
        .filter((e) => e.status === 200 && !e.action.startsWith("Describe"))
        .map((e) => `${e.action} ${e.params.RouteDest}@${e.params.NextHop}`);
    const weights = () =>
      Object.fromEntries(emulator.routes(GW).map((r) => [`${r.RouteDest}@${r.NextHop}`, r.Weight]));
    const tableStep = (doc: string) =>
      (JSON.parse(doc) as { steps: { op: string; urn: string; detailedDiff?: unknown }[] }).steps.find((s) =>
        s.urn.endsWith(`${TABLE_TOKEN}::hub`),
      )!;

    beforeAll(async () => {
      workRoot = outsideRepositoryWorkRoot();
      emulator = await startEmulator({
        configDelayMs: 100,
        gateways: [{ vpnGatewayId: GW, regionId: REGION }],
      });
      project = await createPulumiProject({
        name: "yaml-table",
        workRoot,
        files: { "Pulumi.yaml": program(A, OTHERS) },
        env: emulatorEnv(emulator, REGION),
      });
    });
    afterAll(async () => {
      await project?.dispose();
      await emulator?.stop();
      if (workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
    });

    it("creates the table as one custom resource of the plugin, keyed by route", async () => {
      const update = await project.up({ skipPreview: true });
      expect(update.result).toBe("succeeded");
      expect(update.changeSummary).toEqual({ create: 2 });
      expect(weights()).toEqual({
        [`${DEST}@${A}`]: 100,
        [`${DEST}@${B}`]: 0,
        ...Object.fromEntries(OTHERS.map((d) => [`${d}@${A}`, 100])),
      });
      const { deployment } = await project.exportStack();
      const table = (deployment.resources ?? []).find((r) => r.type === TABLE_TOKEN)!;
      expect(table.id).toBe(GW);
      expect(Object.keys(table.outputs!.routes as object).sort()).toEqual(
        [`${DEST}@${A}`, `${DEST}@${B}`, ...OTHERS.map((d) => `${d}@${A}`)].sort(),
      );
      expect((await project.outputs()).statuses).toMatchObject({
        [`${DEST}@${B}`]: { id: `${GW}:${B}:${DEST}`, state: "published" },
      });
    });

    it("a failover's preview names the two routes and their weights, not the unchanged routes", async () => {
      writeProgram(program(B, OTHERS));
      const json = await project.run(["preview", "--json"], { withProgram: true });
      const step = tableStep(json.stdout);
      expect(step.op).toBe("update");
      expect(step.detailedDiff).toEqual({
        [`routes["${DEST}@${A}"].weight`]: { kind: "update", inputDiff: true },
        [`routes["${DEST}@${B}"].weight`]: { kind: "update", inputDiff: true },
      });
      const text = (await project.run(["preview", "--diff"], { withProgram: true })).stdout;
      console.log(`pulumi preview --diff of a failover (plugin):\n${text}`);
      expect(markedLines(text)).toEqual([
        "~ routes: {",
        `~ ${DEST}@${A}: {`,
        "~ weight: 100 => 0",
        `~ ${DEST}@${B}: {`,
        "~ weight: 0 => 100",
      ]);
      for (const unchanged of [...OTHERS, "10.40.0.0/16"]) expect(text).not.toContain(unchanged);

      emulator.clearLog();
      expect((await project.up({ skipPreview: true })).changeSummary).toEqual({ update: 1, same: 1 });
      expect(weights()).toMatchObject({ [`${DEST}@${A}`]: 0, [`${DEST}@${B}`]: 100 });
      // Only the pair was written to.
      expect(new Set(writes().map((w) => w.split(" ")[1]))).toEqual(
        new Set([`${DEST}@${A}`, `${DEST}@${B}`]),
      );
    });

    it("a route added and a route removed show as + and - of that route alone", async () => {
      writeProgram(program(B, [OTHERS[0], OTHERS[1], "10.50.0.0/16"]));
      const step = tableStep((await project.run(["preview", "--json"], { withProgram: true })).stdout);
      expect(step.detailedDiff).toEqual({
        [`routes["10.50.0.0/16@${A}"]`]: { kind: "add", inputDiff: true },
        [`routes["${OTHERS[2]}@${A}"]`]: { kind: "delete", inputDiff: true },
      });
      const text = (await project.run(["preview", "--diff"], { withProgram: true })).stdout;
      expect(markedLines(text)).toEqual([
        "~ routes: {",
        ...routeLines("-", OTHERS[2]),
        ...routeLines("+", "10.50.0.0/16"),
      ]);
      emulator.clearLog();
      expect((await project.up({ skipPreview: true })).result).toBe("succeeded");
      expect(writes().sort()).toEqual(
        [`CreateVpnRouteEntry 10.50.0.0/16@${A}`, `DeleteVpnRouteEntry ${OTHERS[2]}@${A}`].sort(),
      );
    });

    it("refresh reports the route deleted outside Pulumi, that route alone; the next up creates it again", async () => {
      emulator.drift.deleteRoute(GW, { routeDest: OTHERS[0], nextHop: A });
      const refreshed = await project.run(["refresh", "--yes", "--diff"], { withProgram: true });
      console.log(`pulumi refresh --diff after a route was deleted outside (plugin):\n${refreshed.stdout}`);
      expect(markedLines(refreshed.stdout)).toEqual(["~ routes: {", ...routeLines("-", OTHERS[0])]);
      const { deployment } = await project.exportStack();
      const table = (deployment.resources ?? []).find((r) => r.type === TABLE_TOKEN)!;
      expect(Object.keys(table.outputs!.routes as object)).not.toContain(`${OTHERS[0]}@${A}`);

      const step = tableStep((await project.run(["preview", "--json"], { withProgram: true })).stdout);
      expect(step.detailedDiff).toEqual({
        [`routes["${OTHERS[0]}@${A}"]`]: { kind: "add", inputDiff: true },
      });
      emulator.clearLog();
      expect((await project.up({ skipPreview: true })).result).toBe("succeeded");
      expect(writes()).toEqual([`CreateVpnRouteEntry ${OTHERS[0]}@${A}`]);
      expect((await project.preview(["--expect-no-changes"])).changeSummary).toEqual({ same: 2 });
    });

    it("exclusive: a refreshing preview names the route made outside as a deletion, and up deletes it alone", async () => {
      const dests = [OTHERS[0], OTHERS[1], "10.50.0.0/16"];
      writeProgram(program(B, dests, true));
      expect((await project.up({ skipPreview: true })).result).toBe("succeeded");
      const outside = { VpnGatewayId: GW, RouteDest: "10.99.0.0/16", NextHop: A, PublishVpc: true };
      await createRouteOutside(emulator, REGION, outside);
      emulator.clearLog();
      const preview = await project.run(["preview", "--refresh", "--diff"], { withProgram: true });
      expect(markedLines(preview.stdout.slice(preview.stdout.indexOf("Previewing update")))).toEqual([
        "~ routes: {",
        ...routeLines("-", "10.99.0.0/16"),
      ]);
      expect(writes()).toEqual([]);
      const update = await project.up({ skipPreview: true });
      expect(writes()).toEqual([`DeleteVpnRouteEntry 10.99.0.0/16@${A}`]);
      expect(update.diagnostics.map((d) => d.message).join("\n")).toContain(
        `Deleted custom route ${GW}:${A}:10.99.0.0/16: the exclusive route table does not declare it.`,
      );
      expect(Object.keys((await project.outputs()).statuses as object)).not.toContain(`10.99.0.0/16@${A}`);
    });

    it("an update refused half-way is recorded as the gateway holds it; the next up finishes it, nothing written twice", async () => {
      const added = ["10.60.0.0/16", "10.61.0.0/16", "10.62.0.0/16", "10.63.0.0/16"];
      writeProgram(program(B, [OTHERS[0], OTHERS[1], "10.50.0.0/16", ...added], true));
      emulator.clearLog();
      // The gateway refuses every write once two of the four creates went through.
      const failed = await upRefusedHalfWay(project, emulator, GW);
      expect(failed.exitCode).not.toBe(0);
      expect(failed.stdout).toContain("was changed only in part");
      const { deployment } = await project.exportStack();
      const table = (deployment.resources ?? []).find((r) => r.type === TABLE_TOKEN)!;
      const recorded = Object.keys(table.outputs!.routes as object);
      const held = emulator.routes(GW).map((r) => `${r.RouteDest}@${r.NextHop}`);
      // The state records exactly the added routes the gateway holds: at least two, not all four.
      const heldAdded = added.filter((d) => held.includes(`${d}@${A}`)).sort();
      expect(added.filter((d) => recorded.includes(`${d}@${A}`)).sort()).toEqual(heldAdded);
      expect(heldAdded.length).toBeGreaterThanOrEqual(2);
      expect(heldAdded.length).toBeLessThan(added.length);
      expect((await project.up({ skipPreview: true })).result).toBe("succeeded");
      expect(added.every((d) => emulator.routes(GW).some((r) => r.RouteDest === d))).toBe(true);
      expect(
        writes()
          .filter((w) => w.startsWith("CreateVpnRouteEntry"))
          .sort(),
      ).toEqual(added.map((d) => `CreateVpnRouteEntry ${d}@${A}`).sort());
    });
  },
);
