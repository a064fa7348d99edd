/**
 * The Node.js language host (`pulumi-language-nodejs`) that every Pulumi user's program runs under: the engine
 * suites, the demo and the bench run through it too, and CI may not fall back to scripts/client-host.js.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import {
  clientHostRefusal,
  DYNAMIC_PROVIDER_PLUGIN,
  isExecutable,
  LANGUAGE_HOST,
  locatePulumiCli,
  SHARED_LANGUAGE_HOST,
} from "./pulumi-cli";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

/** The program reports which process started it: the language host, or node running the client host. */
const PROGRAM = `import * as fs from "fs";
import * as path from "path";

const parentArgv = fs.readFileSync(\`/proc/\${process.ppid}/cmdline\`, "utf8").split("\\0");
const typed: number = 1; // TypeScript, compiled by the host's own ts-node
export const startedBy = path.basename(parentArgv[0]);
export const clientHost = parentArgv.some((arg) => arg.endsWith("client-host.js"));
export const compiled = typed === 1;
`;

describeWithPulumi("the real Node.js language host", () => {
  const cli = locatePulumiCli().cli!;
  let project: PulumiProject;

  beforeAll(async () => {
    project = await createPulumiProject({
      name: "langhost",
      main: "index.ts",
      files: { "index.ts": PROGRAM },
    });
  });
  afterAll(async () => project?.dispose());

  it("is next to the CLI, at the CLI's version, with the dynamic provider plugin (as a normal installation)", () => {
    const host = cli.languageHost;
    // Printed so the CI log shows what ran the engine suites.
    console.log(
      `engine runs use ${host ? `${LANGUAGE_HOST} at ${host}` : "scripts/client-host.js (--client)"}`,
    );
    if (!host) {
      // Only where no host can be had at all; in CI with the shared build the harness refuses this (below).
      expect(isExecutable(SHARED_LANGUAGE_HOST) && process.env.CI === "true").toBe(false);
      return;
    }
    expect(spawnSync(host, ["-version"], { encoding: "utf8" }).stdout.trim()).toBe(cli.version);
    expect(isExecutable(path.join(cli.binDir, DYNAMIC_PROVIDER_PLUGIN))).toBe(true);
  });

  it("runs a TypeScript program (up, then a preview) and the program's parent process is that host", async () => {
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    const outputs = await project.outputs();
    expect(outputs.compiled).toBe(true);
    if (project.useClientHost) {
      expect(outputs).toMatchObject({ clientHost: true });
    } else {
      expect(outputs).toMatchObject({ startedBy: LANGUAGE_HOST, clientHost: false });
    }
    expect((await project.preview()).changeSummary).toEqual({ same: 1 });
  });
});

describe("clientHostRefusal: CI never falls back to the client host silently", () => {
  it("refuses in CI when the shared host exists, naming it and the script that installs it", () => {
    const reason = clientHostRefusal({ CI: "true" }, process.execPath); // any executable stands for the host
    expect(reason).toContain(process.execPath);
    expect(reason).toContain("scripts/ensure-pulumi.sh");
  });

  it("allows the client host outside CI, and in CI where no host can be had", () => {
    expect(clientHostRefusal({}, process.execPath)).toBeUndefined();
    expect(clientHostRefusal({ CI: "true" }, path.join(__dirname, "no-such-host"))).toBeUndefined();
  });
});
