#!/usr/bin/env node
// @ts-check
/*
 * A stand-in for the nodejs language host (`pulumi-language-nodejs`), for the CLI's hidden `--client=<address>`.
 *
 * Why: the language host is a Go module that the Go module proxy on our machines does not serve (403), so it
 * cannot be built here (scripts/ensure-pulumi.sh). `--client` makes the engine talk to an already running
 * language runtime instead of launching the plugin; the Automation API runs inline programs that way.
 * We do not reuse the Automation API's in-process LanguageServer: `pulumi up` calls Run twice (preview, then
 * update) and Node's module cache would skip the program the second time. Instead each Run starts a fresh
 * `node @pulumi/pulumi/cmd/run` exactly as pulumi-language-nodejs 3.248 does (same flags, PULUMI_CONFIG,
 * PULUMI_CONFIG_SECRET_KEYS, PULUMI_NODEJS_TYPESCRIPT=true, exit code 32 = bail), so the SDK's own runner
 * loads the program: Pulumi.yaml `main`, package.json `main`, TypeScript through ts-node, exports as outputs.
 * One addition: inspect-colors-guard.js is preloaded, against a Node.js bug that makes failing programs slow.
 *
 * Usage: node client-host.js   (cwd: the project directory)
 * The engine sends the entry point (Pulumi.yaml `main`, else ".") and the directories with each Run; runtime
 * options from Pulumi.yaml do not arrive in client mode (the engine replaces them with the client address),
 * so TypeScript support is always on, as it is by default in the real host.
 * Prints one line `{"port":N}` on stdout once listening on 127.0.0.1; exits when its stdin closes.
 * The program's own stdout and stderr go to this process's stderr.
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const LISTEN_HOST = "127.0.0.1";
/** pulumi-language-nodejs: the program already showed the user an actionable message (cmd/run/index.js). */
const EXIT_USER_ACTIONABLE = 32;
const CONFIG_ENV = "PULUMI_CONFIG";
const CONFIG_SECRET_KEYS_ENV = "PULUMI_CONFIG_SECRET_KEYS";
/** Loaded into each program process before the SDK's runner; see that file for why. */
const PRELOAD = path.join(__dirname, "inspect-colors-guard.js");
/** Program processes still running; killed when this host is told to stop. */
const running = new Set();

function main() {
  const projectDir = process.cwd();
  // The SDK the program resolves is the one whose runner and protocol we must use.
  const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] }));
  const fromSdk = (/** @type {string} */ id) => require(require.resolve(id, { paths: [pulumiRoot] }));
  const grpc = fromSdk("@grpc/grpc-js");
  const langrpc = fromSdk("@pulumi/pulumi/proto/language_grpc_pb");
  const langproto = fromSdk("@pulumi/pulumi/proto/language_pb");
  const plugproto = fromSdk("@pulumi/pulumi/proto/plugin_pb");
  const runPath = path.join(pulumiRoot, "cmd", "run");
  const sdkVersion = fromSdk("@pulumi/pulumi/package.json").version;

  const service = {
    getRequiredPlugins(/** @type {any} */ _call, /** @type {Function} */ callback) {
      const resp = new langproto.GetRequiredPluginsResponse();
      resp.setPluginsList([]);
      callback(null, resp);
    },
    getPluginInfo(/** @type {any} */ _call, /** @type {Function} */ callback) {
      const resp = new plugproto.PluginInfo();
      resp.setVersion(sdkVersion);
      callback(null, resp);
    },
    run(/** @type {any} */ call, /** @type {Function} */ callback) {
      runProgram(call.request, runPath, projectDir).then(
        ({ error, bail }) => {
          const resp = new langproto.RunResponse();
          resp.setError(error);
          resp.setBail(bail);
          callback(null, resp);
        },
        (/** @type {Error} */ err) => callback(err),
      );
    },
  };

  const server = new grpc.Server();
  server.addService(langrpc.LanguageRuntimeService, service);
  server.bindAsync(
    `${LISTEN_HOST}:0`,
    grpc.ServerCredentials.createInsecure(),
    (/** @type {Error|null} */ err, /** @type {number} */ port) => {
      if (err) {
        process.stderr.write(`client-host: cannot listen: ${err.message}\n`);
        process.exit(1);
      }
      process.stdout.write(JSON.stringify({ port }) + "\n");
    },
  );
  process.stdin.on("end", () => {
    for (const child of running) child.kill("SIGKILL");
    server.forceShutdown();
    process.exit(0);
  });
  process.stdin.resume();
}

/**
 * One Run: the command line and environment pulumi-language-nodejs builds (constructArguments, constructConfig).
 * @param {any} req pulumirpc.RunRequest
 * @param {string} runPath @pulumi/pulumi/cmd/run
 * @param {string} projectDir fallback when the request carries no program info
 * @returns {Promise<{ error: string, bail: boolean }>}
 */
function runProgram(req, runPath, projectDir) {
  const info = req.getInfo();
  const rootDir = (info && info.getRootDirectory()) || projectDir;
  const programDir = (info && info.getProgramDirectory()) || req.getPwd() || projectDir;
  const entryPoint = (info && info.getEntryPoint()) || req.getProgram() || ".";
  // In client mode the engine passes its own address as the first argument (see automation/server.js).
  const [engineAddress = "", ...programArgs] = req.getArgsList();
  const args = ["-r", PRELOAD, runPath];
  const flag = (/** @type {string} */ name, /** @type {string|number|undefined} */ value) => {
    if (value !== undefined && value !== "") args.push(`--${name}`, String(value));
  };
  flag("monitor", req.getMonitorAddress());
  flag("engine", engineAddress);
  flag("organization", req.getOrganization());
  flag("project", req.getProject());
  flag("root-directory", rootDir);
  flag("stack", req.getStack());
  flag("pwd", programDir);
  if (req.getDryrun()) args.push("--dry-run");
  flag("parallel", req.getParallel());
  args.push(entryPoint, ...programArgs);

  /** @type {Record<string, string>} */
  const config = {};
  for (const [key, value] of req.getConfigMap().entries()) {
    // The host hands the SDK the old key form `<namespace>:config:<name>`, which every SDK version reads.
    const colon = key.indexOf(":");
    config[colon < 0 ? key : `${key.slice(0, colon)}:config:${key.slice(colon + 1)}`] = value;
  }
  const env = {
    ...process.env,
    [CONFIG_ENV]: JSON.stringify(config),
    [CONFIG_SECRET_KEYS_ENV]: JSON.stringify(req.getConfigsecretkeysList() || []),
    // The host's `typescript` runtime option defaults to true; run.js then registers ts-node for .ts programs.
    PULUMI_NODEJS_TYPESCRIPT: "true",
  };

  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: programDir, env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    child.on("exit", () => running.delete(child));
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.on("error", (err) =>
      resolve({
        error: `Problem executing program (could not run language executor): ${err.message}`,
        bail: false,
      }),
    );
    child.on("close", (code, signal) => {
      if (code === 0) resolve({ error: "", bail: false });
      else if (code === EXIT_USER_ACTIONABLE) resolve({ error: "", bail: true });
      else if (code === null)
        resolve({ error: `Program exited unexpectedly: signal ${signal}`, bail: false });
      else resolve({ error: `Program exited with non-zero exit code: ${code}`, bail: false });
    });
  });
}

main();
