/**
 * `npm run demo` (scripts/demo.js) end to end, twice, in a scratch directory: the first run creates the stack
 * and deploys the landing zone, the second reuses stack and emulator state and has nothing to change. The build
 * is skipped (`npm test` builds first); the tracked Pulumi.demo.yaml must come out untouched.
 */
import { execFile } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { REPO_ROOT } from "./pulumi-cli";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const DEMO = path.join(REPO_ROOT, "scripts", "demo.js");
const TRACKED_CONFIG = path.join(REPO_ROOT, "Pulumi.demo.yaml");

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(dir: string): Promise<DemoRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DEMO, "--skip-build", "--dir", dir],
      { cwd: REPO_ROOT, timeout: ENGINE_TEST_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err.code as number | undefined) ?? null) : 0, stdout, stderr }),
    );
  });
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
/** The counts of the "Resources:" blocks, in order (preview and update of `up`, then `preview`). */
const resourceSummaries = (stdout: string) =>
  [...stdout.matchAll(/^Resources:\n((?: {4}.+\n)+)/gm)].map((m) => m[1].trim().replace(/\s+/g, " "));

describeWithPulumi("npm run demo", () => {
  let dir: string;
  const trackedBefore = sha256(TRACKED_CONFIG);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-routes-demo-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the first run creates the stack, deploys the landing zone and prints each gateway's tables", async () => {
    const run = await runDemo(dir);
    expect(run.stderr).not.toContain("npm run demo:");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('== Creating stack "demo"');
    // 24 resources of the network account's tables and the member account's provider.
    expect(resourceSummaries(run.stdout)).toEqual(["+ 25 to create", "+ 25 created", "25 unchanged"]);
    // Both accounts' tables: the branch gateway lives in the member account, reached through AssumeRole.
    expect(run.stdout).toMatch(/^-- Account 1000000000000001 \(network account\)\n\nhubHangzhou: /m);
    expect(run.stdout).toMatch(
      /^-- Account 1000000000000002 \(member account, reached through acs:ram::1000000000000002:role\/ResourceDirectoryAccountAccessRole\)\n\nbranch: /m,
    );
    expect(run.stdout).toMatch(
      /^hubHangzhou: vpn-bp1hub0hangzhou0000001 \(cn-hangzhou\)\n {2}destination routes \(6\):/m,
    );
    expect(run.stdout).toMatch(
      /^hubShanghai: vpn-uf6hub0shanghai0000002 \(cn-shanghai\)\n {2}destination routes \(7\):/m,
    );
    expect(run.stdout).toMatch(
      /^branch: vpn-uf6branch0office000003 \(cn-shanghai\)\n {2}policy routes \(7\):/m,
    );
    expect(run.stdout).toMatch(
      /^ {4}172\.16\.0\.0\/12 +vco-bp1on0premises00000009 +100 \(active\) +published +on-premises data centre$/m,
    );
    // What the demo keeps: the backend, its passphrase, the config copy with this machine's salt, the emulator's state.
    expect(fs.readdirSync(dir).sort()).toEqual([
      "Pulumi.demo.yaml",
      "emulator-state.json",
      "home",
      "passphrase",
      "state",
      "sts-cert.pem",
      "sts-key.pem",
    ]);
    expect(fs.statSync(path.join(dir, "sts-key.pem")).mode & 0o077).toBe(0);
    expect(fs.readFileSync(path.join(dir, "Pulumi.demo.yaml"), "utf8")).toMatch(/^encryptionsalt: v1:/m);
    expect(fs.statSync(path.join(dir, "passphrase")).mode & 0o077).toBe(0);
  });

  it("the second run reuses stack and emulator state: nothing to change", async () => {
    const run = await runDemo(dir);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("== Creating stack");
    expect(resourceSummaries(run.stdout)).toEqual(["25 unchanged", "25 unchanged", "25 unchanged"]);
    expect(run.stdout).toContain("policy routes (7):");
  });

  it("leaves the tracked Pulumi.demo.yaml as it was", () => {
    expect(sha256(TRACKED_CONFIG)).toBe(trackedBefore);
    expect(fs.readFileSync(TRACKED_CONFIG, "utf8")).not.toContain("encryptionsalt");
  });
});
