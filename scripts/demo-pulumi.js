// @ts-check
/*
 * The demo's `pulumi`: the CLI from scripts/ensure-pulumi.sh, on the demo's own local file backend, with the
 * emulator's endpoint and credentials and nothing inherited that could reach a real account or Pulumi Cloud.
 * Without `pulumi-language-nodejs` (it cannot be built where the Go module proxy refuses its module; see
 * scripts/ensure-pulumi.sh), each command that runs the program gets scripts/client-host.js through the CLI's
 * `--client` flag.
 */
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { setTimeout, clearTimeout } = require("timers");

const REPO_ROOT = path.resolve(__dirname, "..");
const ENSURE_PULUMI = path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh");
const CLIENT_HOST = path.join(REPO_ROOT, "scripts", "client-host.js");
const LANGUAGE_HOST = "pulumi-language-nodejs";
const DYNAMIC_PROVIDER_PLUGIN = "pulumi-resource-pulumi-nodejs";
/** A real login, real cloud credentials or a real profile must not reach the demo's processes. */
const ISOLATED_PREFIXES = ["PULUMI_", "ALIBABA_CLOUD_", "ALICLOUD_"];
const CLIENT_HOST_START_TIMEOUT_MS = 15_000;

/**
 * The CLI's bin directory. Locates it, or builds it once (minutes), telling the user before it starts.
 * @param {(line: string) => void} say
 * @returns {string}
 */
function ensurePulumiCli(say) {
  const located = spawnSync("bash", [ENSURE_PULUMI, "--locate"], { encoding: "utf8" });
  // Run in full even when located: it puts the language host and the dynamic provider plugin next to the CLI.
  if (located.status !== 0)
    say(
      "No Pulumi CLI on PATH or in the build cache: building pulumi from source with Go (once; about 8 minutes on " +
        "2 cores; cached in $PULUMI_BUILD_CACHE or ~/.cache/alicloud-vpn-routes/pulumi for later runs and clones)...",
    );
  const built = spawnSync("bash", [ENSURE_PULUMI], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (built.status !== 0) throw new Error(`scripts/ensure-pulumi.sh failed (exit ${built.status})`);
  return lastLine(built.stdout);
}

/** @param {string} text */
function lastLine(text) {
  return text.trim().split("\n").pop() ?? "";
}

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The directory with the dynamic provider plugin, a shell script at the root of @pulumi/pulumi; an executable
 * copy in `fallbackDir` when npm did not keep its executable bit.
 * @param {string} fallbackDir
 */
function dynamicProviderPluginDir(fallbackDir) {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] }));
  const script = path.join(sdkDir, DYNAMIC_PROVIDER_PLUGIN);
  if (isExecutable(script)) return sdkDir;
  fs.mkdirSync(fallbackDir, { recursive: true });
  const copy = path.join(fallbackDir, DYNAMIC_PROVIDER_PLUGIN);
  fs.copyFileSync(script, copy);
  fs.chmodSync(copy, 0o755);
  return fallbackDir;
}

/**
 * @typedef {object} DemoPulumiOptions
 * @property {string} binDir the CLI's directory
 * @property {string} demoDir .pulumi-demo: backend state, PULUMI_HOME, passphrase file
 * @property {string} passphraseFile
 * @property {Record<string, string>} extraEnv emulator endpoint and credentials
 */

/**
 * The rules the engine tests run the CLI by (tests/e2e/pulumi-cli.ts), compiled: the demo builds before it
 * gets here, and one copy of them serves both.
 * @returns {typeof import("../tests/e2e/pulumi-cli")}
 */
function engineRules() {
  return require(path.join(REPO_ROOT, "dist", "tests", "e2e", "pulumi-cli"));
}

class DemoPulumi {
  /** @param {DemoPulumiOptions} options */
  constructor(options) {
    this.binDir = options.binDir;
    // scripts/ensure-pulumi.sh puts the plugin next to the CLI, as a normal installation has it.
    const pluginDir = isExecutable(path.join(options.binDir, DYNAMIC_PROVIDER_PLUGIN))
      ? undefined
      : dynamicProviderPluginDir(path.join(options.demoDir, "plugin-bin"));
    /** @type {Record<string, string>} */
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !ISOLATED_PREFIXES.some((p) => key.startsWith(p))) env[key] = value;
    }
    this.env = {
      ...env,
      PATH: [options.binDir, pluginDir, path.dirname(process.execPath), process.env.PATH ?? ""]
        .filter((dir) => dir !== undefined)
        .join(path.delimiter),
      // The program's processes get scripts/inspect-colors-guard.js (a Node.js bug; see that file).
      NODE_OPTIONS: engineRules().withInspectColorsGuard(process.env.NODE_OPTIONS),
      PULUMI_HOME: path.join(options.demoDir, "home"),
      // metadata=skip: no `.attrs` sidecar, which an interrupted CLI can leave empty (see tests/e2e/pulumi-cli.ts).
      PULUMI_BACKEND_URL: `file://${path.join(options.demoDir, "state")}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE_FILE: options.passphraseFile,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ...options.extraEnv,
    };
    const besideCli = path.join(options.binDir, LANGUAGE_HOST);
    this.needsClientHost = !isExecutable(besideCli) && !onPath(LANGUAGE_HOST, this.env.PATH);
    // CI must never fall back silently (tests/e2e/pulumi-cli.ts, clientHostRefusal, says the same for the tests).
    const refusal = this.needsClientHost ? engineRules().clientHostRefusal(process.env) : undefined;
    if (refusal) throw new Error(refusal);
    /** What runs the program, for the demo to tell. */
    this.languageRuntime = this.needsClientHost ? "scripts/client-host.js (--client)" : LANGUAGE_HOST;
  }

  /**
   * Runs `pulumi <args>` in `cwd`; output is shown (or captured with `capture`). Rejects on a non-zero exit.
   * @param {string[]} args
   * @param {{ cwd?: string, capture?: boolean, withProgram?: boolean }} [options]
   * @returns {Promise<string>} stdout when captured, else ""
   */
  async run(args, { cwd = REPO_ROOT, capture = false, withProgram = false } = {}) {
    const host = withProgram && this.needsClientHost ? await startClientHost(cwd, this.env) : undefined;
    const fullArgs = [...args, "--non-interactive", ...(host ? [`--client=${host.address}`] : [])];
    try {
      return await runCli(path.join(this.binDir, "pulumi"), fullArgs, { cwd, env: this.env, capture });
    } finally {
      host?.stop();
    }
  }
}

/**
 * @param {string} name
 * @param {string} searchPath
 */
function onPath(name, searchPath) {
  return searchPath.split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, name)));
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, capture: boolean }} options
 * @returns {Promise<string>}
 */
function runCli(command, args, { cwd, env, capture }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", capture ? "pipe" : "inherit", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
      if (!capture) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(stdout);
      else {
        const detail = capture ? `\n${stderr.trim()}` : "";
        reject(new Error(`pulumi ${args[0]} failed (${signal ?? `exit ${code}`})${detail}`));
      }
    });
  });
}

/**
 * scripts/client-host.js for one command; the program's own output goes to stderr.
 * @param {string} cwd
 * @param {Record<string, string>} env
 * @returns {Promise<{ address: string, stop: () => void }>}
 */
function startClientHost(cwd, env) {
  const child = spawn(process.execPath, [CLIENT_HOST], { cwd, env, stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let first = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the client host did not start in ${CLIENT_HOST_START_TIMEOUT_MS} ms`));
    }, CLIENT_HOST_START_TIMEOUT_MS);
    child.on("exit", (code) => reject(new Error(`the client host exited with ${code} before listening`)));
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      first += chunk;
      if (!first.includes("\n")) return;
      clearTimeout(timer);
      const { port } = JSON.parse(first.split("\n")[0]);
      // It exits when its stdin closes, killing any program process still running.
      resolve({ address: `127.0.0.1:${port}`, stop: () => child.stdin.end() });
    });
  });
}

module.exports = { DemoPulumi, ensurePulumiCli, REPO_ROOT };
