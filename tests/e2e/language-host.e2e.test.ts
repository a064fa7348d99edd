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
export const nodeVersion = process.version;
`;

/** "v3.259.0" -> [3, 259, 0] */
const versionParts = (v: string) => v.replace(/^v/, "").split(".").map(Number);

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

  it("is next to the CLI, at the CLI's version or older, with the dynamic provider plugin (as a normal installation)", () => {
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
    // A host older than the CLI is what a project gets when no build of the CLI's version exists (the CLI and its
    // hosts speak a stable gRPC protocol; ../shared/bin/README.md); a newer one never.
    const hostVersion = spawnSync(host, ["-version"], { encoding: "utf8" }).stdout.trim();
    console.log(`language host ${hostVersion}, CLI ${cli.version}`);
    const [hostMajor, hostMinor] = versionParts(hostVersion);
    const [cliMajor, cliMinor] = versionParts(cli.version);
    expect(hostMajor).toBe(cliMajor);
    expect(hostMinor).toBeLessThanOrEqual(cliMinor);
    expect(isExecutable(path.join(cli.binDir, DYNAMIC_PROVIDER_PLUGIN))).toBe(true);
  });

  it("runs a TypeScript program (up, then a preview) and the program's parent process is that host", async () => {
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    const outputs = await project.outputs();
    expect(outputs.compiled).toBe(true);
    // The host starts the `node` on PATH: the version the run was started with (scripts/with-node.sh).
    expect(outputs.nodeVersion).toBe(process.version);
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
