/**
 * What the harness promises other engine tests, through the real CLI: TypeScript programs, secret config that
 * stays encrypted in state, the package installed by name, and failures that say what failed.
 */
import * as path from "path";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, PulumiCommandError, PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const PACKAGE_NAME = (require(path.join(REPO_ROOT, "package.json")) as { name: string }).name;
const SECRET = "s3cret-value-e2e";

const TS_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const resolved: string = require.resolve(${JSON.stringify(PACKAGE_NAME)});

export const packageFromProject: boolean = resolved.startsWith(process.cwd() + "/node_modules/");
export const secretLength = config.requireSecret("token").apply((t: string) => t.length);
export const echoed = config.requireSecret("token");
export const plain: string = config.require("plain");
`;

describeWithPulumi("engine harness", () => {
  describe("a TypeScript program with secret config and the package installed", () => {
    let project: PulumiProject;
    beforeAll(async () => {
      project = await createPulumiProject({
        name: "tsprog",
        main: "index.ts",
        files: { "index.ts": TS_PROGRAM },
        installPackage: true,
        config: { plain: "visible", token: { value: SECRET, secret: true } },
        // The SDK's runner type-checks TypeScript unless told not to; tests compile with tsc anyway.
        env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
      });
    });
    afterAll(async () => project?.dispose());

    it("runs, resolves the package from the project's node_modules, and keeps the secret out of state", async () => {
      const update = await project.up({ skipPreview: true });
      expect(update.result).toBe("succeeded");

      await expect(project.outputs()).resolves.toEqual({
        packageFromProject: true,
        secretLength: SECRET.length,
        echoed: SECRET,
        plain: "visible",
      });
      const stored = JSON.stringify(await project.exportStack());
      expect(stored).toContain("visible");
      expect(stored).not.toContain(SECRET);
      expect(JSON.stringify(await project.exportStack({ showSecrets: true }))).toContain(SECRET);
    });
  });

  describe("a provider whose check rejects the inputs", () => {
    let project: PulumiProject;
    beforeAll(async () => {
      project = await createPulumiProject({
        name: "checkfails",
        files: {
          "index.js": `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async check(_olds, news) {
    return { inputs: news, failures: [{ property: "weight", reason: "weight must be 0 or 100" }] };
  },
  async create() { return { id: "never" }; },
};
new pulumi.dynamic.Resource(provider, "route", { weight: 5 });
`,
        },
      });
    });
    afterAll(async () => project?.dispose());

    it("fails the preview with the engine's message, parsed onto the error", async () => {
      const err = (await project.preview().catch((e: unknown) => e)) as PulumiCommandError;
      expect(err).toBeInstanceOf(PulumiCommandError);
      const errors = err.preview?.diagnostics.filter((d) => d.severity === "error") ?? [];
      expect(errors.map((d) => d.message).join("\n")).toContain(
        "property weight value {5} has a problem: weight must be 0 or 100",
      );
    });
  });

  describe("a program that throws", () => {
    let project: PulumiProject;
    beforeAll(async () => {
      project = await createPulumiProject({
        name: "throws",
        files: { "index.js": `throw new Error("program refused: no gateway configured");\n` },
      });
    });
    afterAll(async () => project?.dispose());

    it("fails the preview with the program's message on the error", async () => {
      const failure = await project.preview().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(PulumiCommandError);
      const err = failure as PulumiCommandError;
      expect(err.result.exitCode).not.toBe(0);
      expect(err.message).toMatch(/^pulumi preview --json .* exited with \d+/);
      expect(err.message).toContain("program refused: no gateway configured");
    });

    it("reports a failed update with the engine's result and diagnostics", async () => {
      const failure = (await project.up().catch((err: unknown) => err)) as PulumiCommandError;
      expect(failure).toBeInstanceOf(PulumiCommandError);
      expect(failure.report).toMatchObject({ result: "failed", phase: "preview" });
      expect(failure.report?.diagnostics.map((d) => d.message).join("\n")).toContain("program refused");
    });
  });
});
