// @ts-check
/*
 * The demo's `pulumi`: the CLI from scripts/ensure-pulumi.sh, on the demo's own local file backend, with the
 * emulator's endpoint and credentials and nothing inherited that could reach a real account or Pulumi Cloud.
 * Without `pulumi-language-nodejs` (it cannot be built where the Go module proxy refuses its module; see
 * scripts/ensure-pulumi.sh), each command that runs the program gets scripts/client-host.js through the CLI's
 * `--client` flag. The plugin lookup, the environment filter and the client host's start are the engine tests'
 * own (tests/e2e/pulumi-cli.ts, client-host-process.ts), required compiled from dist/: the demo builds first.
 */
"use strict";
const { spawn, spawnSync } = require("child_process");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "..");
const ENSURE_PULUMI = path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh");

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

/**
 * @typedef {object} DemoPulumiOptions
 * @property {string} binDir the CLI's directory
 * @property {string} demoDir .pulumi-demo: backend state, PULUMI_HOME, passphrase file
 * @property {string} passphraseFile
 * @property {Record<string, string>} extraEnv emulator endpoint and credentials
 */

/**
 * The engine tests' way of running the CLI (tests/e2e/pulumi-cli.ts), compiled: the demo builds before it
 * gets here, and one copy serves both.
 * @returns {typeof import("../tests/e2e/pulumi-cli")}
 */
function engineRules() {
  return require(path.join(REPO_ROOT, "dist", "tests", "e2e", "pulumi-cli"));
}

/**
 * scripts/client-host.js started as the engine tests start it (tests/e2e/client-host-process.ts), compiled.
 * @returns {typeof import("../tests/e2e/client-host-process")}
 */
function clientHostProcess() {
  return require(path.join(REPO_ROOT, "dist", "tests", "e2e", "client-host-process"));
}

class DemoPulumi {
  /** @param {DemoPulumiOptions} options */
  constructor(options) {
    this.binDir = options.binDir;
    const rules = engineRules();
    const pluginDir = rules.pluginDirFor(options.binDir, path.join(options.demoDir, "plugin-bin"));
    // A real login, real cloud credentials or a real profile must not reach the demo's processes.
    this.env = {
      ...rules.isolatedEnv(process.env),
      PATH: [options.binDir, pluginDir, path.dirname(process.execPath), process.env.PATH ?? ""]
        .filter((dir) => dir !== undefined)
        .join(path.delimiter),
      // The program's processes get scripts/inspect-colors-guard.js (a Node.js bug; see that file).
      NODE_OPTIONS: rules.withInspectColorsGuard(process.env.NODE_OPTIONS),
      PULUMI_HOME: path.join(options.demoDir, "home"),
      // metadata=skip: no `.attrs` sidecar, which an interrupted CLI can leave empty (see tests/e2e/pulumi-cli.ts).
      PULUMI_BACKEND_URL: rules.localBackendUrl(path.join(options.demoDir, "state")),
      PULUMI_CONFIG_PASSPHRASE_FILE: options.passphraseFile,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ...options.extraEnv,
    };
    this.needsClientHost = rules.findLanguageHost(options.binDir, this.env.PATH) === undefined;
    // CI must never fall back silently (tests/e2e/pulumi-cli.ts, clientHostRefusal, says the same for the tests).
    const refusal = this.needsClientHost ? rules.clientHostRefusal(process.env) : undefined;
    if (refusal) throw new Error(refusal);
    /** What runs the program, for the demo to tell. */
    this.languageRuntime = this.needsClientHost ? "scripts/client-host.js (--client)" : rules.LANGUAGE_HOST;
  }

  /**
   * Runs `pulumi <args>` in `cwd`; output is shown (or captured with `capture`). Rejects on a non-zero exit.
   * @param {string[]} args
   * @param {{ cwd?: string, capture?: boolean, withProgram?: boolean }} [options]
   * @returns {Promise<string>} stdout when captured, else ""
   */
  async run(args, { cwd = REPO_ROOT, capture = false, withProgram = false } = {}) {
    // The program's output is shown as it comes, on stderr.
    const host =
      withProgram && this.needsClientHost
        ? await clientHostProcess().startClientHost(cwd, this.env, {
            onOutput: (chunk) => process.stderr.write(chunk),
          })
        : undefined;
    const fullArgs = [...args, "--non-interactive", ...(host ? [`--client=${host.address}`] : [])];
    try {
      return await runCli(path.join(this.binDir, "pulumi"), fullArgs, { cwd, env: this.env, capture });
    } finally {
      await host?.stop();
    }
  }
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

module.exports = { DemoPulumi, ensurePulumiCli, REPO_ROOT };
