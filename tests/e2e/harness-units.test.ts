/** The harness's own pieces, without the Pulumi CLI. */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { isNoise, parseEventLog, parsePreviewJson } from "./engine-output";
import { descendantsOf } from "./harness";
import {
  buildEngineEnv,
  DYNAMIC_PROVIDER_PLUGIN,
  dynamicProviderPluginDir,
  EGRESS_BLACKHOLE_PROXY,
  findRepoRoot,
  isExecutable,
  REPO_ROOT,
  TEST_CONFIG_PASSPHRASE,
} from "./pulumi-cli";
import { PulumiCommandError } from "./pulumi-command-error";

const dirs = { binDir: "/opt/pulumi/bin", pluginDir: "/sdk", pulumiHome: "/w/home", stateDir: "/w/state" };

describe("buildEngineEnv", () => {
  const base = {
    PATH: "/usr/bin",
    HOME: "/root",
    PULUMI_ACCESS_TOKEN: "pul-real-token",
    PULUMI_BACKEND_URL: "https://api.pulumi.com",
    ALIBABA_CLOUD_ACCESS_KEY_ID: "real-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "real-secret",
    ALICLOUD_SECRET_KEY: "real-secret-2",
    AWS_ACCESS_KEY_ID: "real-aws-id",
    AWS_SECRET_ACCESS_KEY: "real-secret-3",
    AWS_PROFILE: "real-profile",
    HTTPS_PROXY: "http://corporate-proxy:3128",
  };

  it("drops inherited Pulumi logins and cloud credentials, keeps the rest", () => {
    const env = buildEngineEnv(base, dirs);
    expect(env.HOME).toBe("/root");
    for (const key of [
      "PULUMI_ACCESS_TOKEN",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      "ALICLOUD_SECRET_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_PROFILE",
    ]) {
      expect(env).not.toHaveProperty(key);
    }
    expect(Object.values(env).join("\n")).not.toMatch(/real-secret|pul-real-token/);
  });

  it("points the CLI at a local backend, a private PULUMI_HOME and the binaries, offline", () => {
    const env = buildEngineEnv(base, dirs);
    expect(env.PATH.split(path.delimiter).slice(0, 2)).toEqual([dirs.binDir, dirs.pluginDir]);
    expect(env.PATH.split(path.delimiter)).toContain(path.dirname(process.execPath));
    expect(env.PATH.endsWith("/usr/bin")).toBe(true);
    expect(env).toMatchObject({
      PULUMI_BACKEND_URL: "file:///w/state?metadata=skip",
      PULUMI_HOME: "/w/home",
      PULUMI_CONFIG_PASSPHRASE: TEST_CONFIG_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      HTTPS_PROXY: EGRESS_BLACKHOLE_PROXY,
      HTTP_PROXY: EGRESS_BLACKHOLE_PROXY,
    });
    expect(env.NO_PROXY.split(",")).toContain("127.0.0.1");
  });

  it("takes another backend when asked, the file backend otherwise", () => {
    const url = "s3://state?endpoint=127.0.0.1:9000&s3ForcePathStyle=true&region=cn-hangzhou";
    expect(buildEngineEnv(base, { ...dirs, backendUrl: url }).PULUMI_BACKEND_URL).toBe(url);
    expect(buildEngineEnv(base, { ...dirs, backendUrl: undefined }).PULUMI_BACKEND_URL).toBe(
      "file:///w/state?metadata=skip",
    );
  });

  it("lets callers add emulator settings last", () => {
    const env = buildEngineEnv(base, {
      ...dirs,
      extra: { ALIBABA_CLOUD_ACCESS_KEY_ID: "emulator-id", PULUMI_HOME: "/x" },
    });
    expect(env.ALIBABA_CLOUD_ACCESS_KEY_ID).toBe("emulator-id");
    expect(env.PULUMI_HOME).toBe("/x");
  });

  it("still lets axios in a child process reach a server on 127.0.0.1", async () => {
    const server = http.createServer((_req, res) => res.end("pong"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const script = `require("axios").get("http://127.0.0.1:${port}/").then(r => process.stdout.write(r.data), e => { process.stdout.write("ERR " + e.code); })`;
      const child = spawn(process.execPath, ["-e", script], { env: buildEngineEnv(process.env, dirs) });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      await new Promise((resolve) => child.on("close", resolve));
      expect(out).toBe("pong");
    } finally {
      server.close();
    }
  });
});

describe("findRepoRoot", () => {
  it("finds the same root from the sources and from the compiled harness in dist/", () => {
    expect(fs.existsSync(path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh"))).toBe(true);
    expect(findRepoRoot(path.join(REPO_ROOT, "tests", "e2e"))).toBe(REPO_ROOT);
    expect(findRepoRoot(path.join(REPO_ROOT, "dist", "tests", "e2e"))).toBe(REPO_ROOT);
    expect(() => findRepoRoot(os.tmpdir())).toThrow("no repository root");
  });
});

describe("dynamicProviderPluginDir", () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-dir-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("uses the SDK directory when the script there is executable", () => {
    fs.writeFileSync(path.join(tmp, DYNAMIC_PROVIDER_PLUGIN), "#!/bin/sh\n", { mode: 0o755 });
    expect(dynamicProviderPluginDir(tmp, path.join(tmp, "fallback"))).toBe(tmp);
    expect(fs.existsSync(path.join(tmp, "fallback"))).toBe(false);
  });

  it("makes an executable copy when npm dropped the executable bit", () => {
    fs.writeFileSync(path.join(tmp, DYNAMIC_PROVIDER_PLUGIN), "#!/bin/sh\necho plugin\n", { mode: 0o644 });
    const fallback = path.join(tmp, "fallback");
    expect(dynamicProviderPluginDir(tmp, fallback)).toBe(fallback);
    const copy = path.join(fallback, DYNAMIC_PROVIDER_PLUGIN);
    expect(isExecutable(copy)).toBe(true);
    expect(fs.readFileSync(copy, "utf8")).toBe("#!/bin/sh\necho plugin\n");
  });

  it("names the missing script", () => {
    expect(() => dynamicProviderPluginDir(tmp, path.join(tmp, "fallback"))).toThrow(DYNAMIC_PROVIDER_PLUGIN);
  });
});

describe("engine output parsing", () => {
  const ambient = "using pulumi-resource-pulumi-nodejs from $PATH at /x/pulumi-resource-pulumi-nodejs\n";

  it("reads the update's summary, steps and diagnostics from an event log, dropping debug lines", () => {
    const lines = [
      { sequence: 0, preludeEvent: { config: {} } },
      { sequence: 1, diagnosticEvent: { severity: "debug", message: "Registering resource" } },
      { sequence: 2, diagnosticEvent: { severity: "warning", message: ambient } },
      { sequence: 3, diagnosticEvent: { severity: "error", message: "boom", urn: "urn:a" } },
      { sequence: 4, resOutputsEvent: { metadata: { op: "create", urn: "urn:a", type: "t:a" } } },
      { sequence: 5, summaryEvent: { isPreview: true, resourceChanges: { create: 9 } } },
      { sequence: 6, summaryEvent: { isPreview: false, resourceChanges: { create: 1 }, result: "failed" } },
    ];
    const report = parseEventLog(lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    expect(report.changeSummary).toEqual({ create: 1 });
    expect(report.result).toBe("failed");
    expect(report.phase).toBe("update");
    expect(report.steps).toEqual([{ op: "create", urn: "urn:a", type: "t:a" }]);
    expect(report.diagnostics).toEqual([
      { severity: "warning", message: ambient },
      { severity: "error", message: "boom", urn: "urn:a" },
    ]);
    expect(report.events).toHaveLength(lines.length);
  });

  it("falls back to the preview's summary when up failed before updating", () => {
    const line = {
      sequence: 0,
      summaryEvent: { isPreview: true, resourceChanges: { create: 1 }, result: "failed" },
    };
    const report = parseEventLog(JSON.stringify(line));
    expect(report).toMatchObject({ phase: "preview", result: "failed", changeSummary: { create: 1 } });
    expect(parseEventLog("")).toMatchObject({ phase: undefined, result: undefined, changeSummary: {} });
  });

  it("reads `preview --json`", () => {
    const doc = {
      steps: [
        { op: "create", urn: "urn:s", newState: { type: "pulumi:pulumi:Stack" } },
        { op: "delete", urn: "urn:r", oldState: { type: "t:r" } },
      ],
      changeSummary: { create: 1, delete: 1 },
      diagnostics: [
        { severity: "debug", message: "chatter" },
        { severity: "warning", message: "real" },
      ],
    };
    expect(parsePreviewJson(JSON.stringify(doc))).toEqual({
      changeSummary: { create: 1, delete: 1 },
      steps: [
        { op: "create", urn: "urn:s", type: "pulumi:pulumi:Stack" },
        { op: "delete", urn: "urn:r", type: "t:r" },
      ],
      diagnostics: [{ severity: "warning", message: "real" }],
    });
  });

  it("keeps every warning: the plugin taken from $PATH is a finding (a normal installation has it beside pulumi)", () => {
    expect(isNoise({ severity: "warning", message: `warning: ${ambient}` })).toBe(false);
    expect(isNoise({ severity: "debug", message: ambient })).toBe(true);
  });
});

describe("inspect-colors-guard.js", () => {
  const GUARD = path.join(REPO_ROOT, "scripts", "inspect-colors-guard.js");
  // A stack like the SDK's source-mapped frames: a scoped package path with no separator after the scope.
  const script = `
const util = require("util");
const err = new Error("program refused");
err.stack = "Error: program refused\\n    at Stack.initialize (/repo/node_modules/@pulumi/resource.ts:1598:22)";
const plain = { [util.inspect.custom]: () => "custom" };
process.stdout.write(JSON.stringify([util.inspect(err, { colors: true }), util.inspect(plain), util.inspect({ a: 1 }, { colors: true })]));
`;

  it("inspects errors without colors, leaving other values alone", () => {
    const run = spawnSync(process.execPath, ["-r", GUARD, "-e", script], {
      encoding: "utf8",
      timeout: 10_000,
    });
    expect(run.status).toBe(0);
    const [error, custom, colored] = JSON.parse(run.stdout) as string[];
    expect(error).toContain("node_modules/@pulumi/resource.ts:1598:22");
    expect(error).not.toContain("\u001b[");
    expect(custom).toBe("custom");
    expect(colored).toContain("\u001b[");
  });
});

describe("PulumiCommandError", () => {
  it("names the command and keeps the tail of long output", () => {
    const err = new PulumiCommandError({
      args: ["preview", "--json"],
      exitCode: 255,
      stdout: "x".repeat(10_000) + "END",
      stderr: "error: boom",
      programOutput: "",
    });
    expect(err.name).toBe("PulumiCommandError");
    expect(err.message.split("\n")[0]).toBe("pulumi preview --json exited with 255");
    expect(err.message).toContain("...");
    expect(err.message).toContain("END");
    expect(err.message).toContain("--- stderr ---\nerror: boom");
    expect(err.message).not.toContain("program output");
    expect(err.message.length).toBeLessThan(9_000);
  });
});

describe("descendantsOf", () => {
  const writeStat = (root: string, pid: number, comm: string, ppid: number) => {
    fs.mkdirSync(path.join(root, String(pid)), { recursive: true });
    fs.writeFileSync(path.join(root, String(pid), "stat"), `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1`);
  };

  it("walks the parent ids, reading past a command name with spaces and parentheses", () => {
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), "proc-"));
    try {
      writeStat(proc, 1, "init", 0);
      writeStat(proc, 10, "pulumi", 1);
      writeStat(proc, 11, "sh) S 99 (odd name", 10);
      writeStat(proc, 12, "node", 11);
      writeStat(proc, 20, "other", 1);
      fs.mkdirSync(path.join(proc, "self")); // not a pid
      expect(descendantsOf(10, proc).sort()).toEqual([11, 12]);
      expect(descendantsOf(12, proc)).toEqual([]);
    } finally {
      fs.rmSync(proc, { recursive: true, force: true });
    }
  });

  it("finds the real children and grandchildren of a process", async () => {
    const root = spawn("sh", ["-c", 'sleep 30 & sh -c "sleep 30 & wait" & wait'], { stdio: "ignore" });
    try {
      const deadline = Date.now() + 5_000;
      let found = descendantsOf(root.pid!);
      while (found.length < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        found = descendantsOf(root.pid!);
      }
      expect(found).toHaveLength(3); // two sleeps and the inner sh
      for (const pid of found)
        expect(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8")).toMatch(/^(sleep|sh)\0/);
      for (const pid of found) process.kill(pid, "SIGKILL");
    } finally {
      root.kill("SIGKILL");
    }
  });
});
