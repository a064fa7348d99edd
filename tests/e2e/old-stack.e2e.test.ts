/**
 * A stack written by 0.1.0 (fixtures/stack-0.1.0.*: `__provider` copied by value, about 3 KB per resource in
 * inputs and outputs), taken over by this version: `pulumi up` only rewrites the stored `__provider` to the
 * by-name form, with no API call and no replacement, and the new code then manages the routes (destroy).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { emulatorEnv } from "./emulator-env";
import { createPulumiProject, type PulumiProject } from "./harness";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const FIXTURES = path.join(__dirname, "fixtures");
const REGION = "cn-hangzhou";
const GATEWAYS = ["vpn-bp1oldstack0gateway01", "vpn-bp1oldstack0gateway02"];
const ROUTE_TYPE = /:Vpn(Pbr)?RouteEntry$/;
const ROUTES = 4;

type StoredResource = { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };

describeWithPulumi("a stack written by 0.1.0", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let workDir: string;
  const routeResources = async (): Promise<StoredResource[]> =>
    ((await project.exportStack({ showSecrets: true })).deployment.resources ?? []).filter((r) =>
      ROUTE_TYPE.test(r.type),
    ) as StoredResource[];

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "vpn-old-stack-"));
    const stateFile = path.join(workDir, "emulator.json");
    fs.copyFileSync(path.join(FIXTURES, "stack-0.1.0.emulator.json"), stateFile);
    emulator = await startEmulator({ configDelayMs: 20, seed: 12, stateFile });
    project = await createPulumiProject({
      name: "oldstack",
      files: { "index.js": fs.readFileSync(path.join(FIXTURES, "stack-0.1.0.program.js"), "utf8") },
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
    });
    await project.run(["stack", "import", "--file", path.join(FIXTURES, "stack-0.1.0.state.json")]);
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("holds the old, by-value __provider before the update", async () => {
    const routes = await routeResources();
    expect(routes).toHaveLength(ROUTES);
    for (const r of routes) {
      expect(String(r.inputs?.__provider)).toContain("loadRuntime");
      expect(Buffer.byteLength(String(r.outputs?.__provider))).toBeGreaterThan(2500);
    }
  });

  it("pulumi up makes no API call and replaces nothing, and stores the short __provider", async () => {
    emulator.clearLog();
    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toEqual({ same: 2, update: ROUTES }); // the stack and the component
    expect(emulator.requestLog()).toEqual([]);
    for (const r of await routeResources()) {
      for (const stored of [r.inputs?.__provider, r.outputs?.__provider]) {
        expect(String(stored)).toMatch(
          /require\("alicloud-vpn-routes\/dist\/provider\/serialized\/vpn(Pbr)?RouteEntry\.js"\)/,
        );
        expect(Buffer.byteLength(String(stored))).toBeLessThan(512);
      }
    }
    const again = await project.preview();
    expect(Object.keys(again.changeSummary)).toEqual(["same"]);
  });

  it("the new code then manages the routes: destroy deletes each one", async () => {
    const before = GATEWAYS.map((g) => emulator.routes(g).length + emulator.pbrRoutes(g).length);
    expect(before.reduce((a, b) => a + b, 0)).toBe(ROUTES);
    const destroyed = await project.destroy();
    expect(destroyed.result).toBe("succeeded");
    for (const g of GATEWAYS) {
      expect(emulator.routes(g)).toEqual([]);
      expect(emulator.pbrRoutes(g)).toEqual([]);
    }
  });
});
