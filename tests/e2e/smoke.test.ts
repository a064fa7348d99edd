/**
 * The real engine end to end: `pulumi preview`, `up`, `preview`, `destroy` of examples/smoke (one trivial
 * dynamic resource) on a local file backend, offline.
 */
import * as path from "path";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, PreviewStep, PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";
const ofDynamicType = (steps: PreviewStep[]) => steps.filter((s) => s.type === DYNAMIC_TYPE);

describeWithPulumi("engine smoke: one dynamic resource", () => {
  let project: PulumiProject;

  beforeAll(async () => {
    project = await createPulumiProject({
      programDir: path.join(REPO_ROOT, "examples", "smoke"),
      name: "smoke",
      config: { name: "world" },
    });
  });
  afterAll(async () => project?.dispose());

  it("preview plans one create and runs nothing", async () => {
    const preview = await project.preview();
    // The Stack resource is counted too.
    expect(preview.changeSummary).toEqual({ create: 2 });
    expect(ofDynamicType(preview.steps)).toEqual([
      { op: "create", urn: `urn:pulumi:test::smoke::${DYNAMIC_TYPE}::greeter`, type: DYNAMIC_TYPE },
    ]);
    expect(preview.diagnostics).toEqual([]);
    await expect(project.outputs()).resolves.toEqual({});
  });

  it("up creates it and the stack outputs carry what create returned", async () => {
    const update = await project.up();
    expect(update.result).toBe("succeeded");
    expect(update.changeSummary).toEqual({ create: 2 });
    expect(ofDynamicType(update.steps).map((s) => s.op)).toEqual(["create"]);
    expect(update.diagnostics).toEqual([]);

    await expect(project.outputs()).resolves.toEqual({ greeterId: "greeter-world", greeting: "hello world" });

    const state = await project.exportStack();
    const stored = (state.deployment.resources ?? []).filter((r) => r.type === DYNAMIC_TYPE);
    expect(stored).toHaveLength(1);
    expect(stored[0].id).toBe("greeter-world");
    expect(stored[0].outputs).toMatchObject({ name: "world", greeting: "hello world" });
    // The serialized provider is stored with the resource: destroy runs that code, not the program.
    expect(stored[0].outputs).toHaveProperty("__provider");
  });

  it("a second preview shows no changes", async () => {
    const preview = await project.preview();
    expect(preview.changeSummary).toEqual({ same: 2 });
    expect(preview.steps.every((s) => s.op === "same")).toBe(true);
  });

  it("a changed input plans a replacement through the provider's diff", async () => {
    await project.setConfig("name", { value: "moon" });
    const preview = await project.preview();
    expect(preview.changeSummary).toEqual({ replace: 1, same: 1 });
    expect(ofDynamicType(preview.steps).map((s) => s.op)).toEqual(["replace"]);
    await project.setConfig("name", { value: "world" });
  });

  it("destroy deletes it", async () => {
    const destroyed = await project.destroy();
    expect(destroyed.result).toBe("succeeded");
    expect(destroyed.changeSummary).toEqual({ delete: 2 });
    const state = await project.exportStack();
    expect(state.deployment.resources ?? []).toEqual([]);
  });
});
