/**
 * Where the Pulumi CLI and its plugins are on this machine, and the environment engine tests run it in.
 * The CLI comes from scripts/ensure-pulumi.sh (asked with --locate: tests never build it; CI builds it first).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Found by walking up, so the compiled harness (dist/tests/e2e) finds the same root as the sources. */
export const REPO_ROOT = findRepoRoot(__dirname);
export const ENSURE_PULUMI_SCRIPT = path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh");
/** The @pulumi/pulumi package the programs load; it ships the dynamic provider plugin at its root. */
export const PULUMI_SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
export const DYNAMIC_PROVIDER_PLUGIN = "pulumi-resource-pulumi-nodejs";
export const LANGUAGE_HOST = "pulumi-language-nodejs";
/** Any value works; the state is throwaway. */
export const TEST_CONFIG_PASSPHRASE = "e2e-test-passphrase";
/** A closed port on loopback: a client that ignores NO_PROXY fails fast instead of reaching the internet. */
export const EGRESS_BLACKHOLE_PROXY = "http://127.0.0.1:9";
export const LOOPBACK_HOSTS = "127.0.0.1,localhost,::1";

/** The build of the language host that the project's own runs use (see ../shared/bin/README.md). */
export const SHARED_LANGUAGE_HOST = path.join(REPO_ROOT, "..", "shared", "bin", LANGUAGE_HOST);

/**
 * Why an engine run must not go through scripts/client-host.js, or undefined when it may: in CI (CI=true), with
 * the shared language host present, a run through the client host means scripts/ensure-pulumi.sh failed to put
 * the host next to the CLI, and CI would otherwise fall back silently.
 */
export function clientHostRefusal(
  env: NodeJS.ProcessEnv,
  sharedHost: string = SHARED_LANGUAGE_HOST,
): string | undefined {
  if (env.CI !== "true" || !isExecutable(sharedHost)) return undefined;
  return (
    `CI=true and ${sharedHost} exists, but the Pulumi CLI has no ${LANGUAGE_HOST} next to it or on PATH, so ` +
    `this run would go through scripts/client-host.js. Run scripts/ensure-pulumi.sh (it copies the host next to ` +
    `the CLI and says why when it cannot).`
  );
}

export interface PulumiCli {
  /** Directory holding `pulumi` (and `pulumi-language-nodejs` when it could be built). */
  binDir: string;
  /** `pulumi version`, e.g. "v3.248.0". */
  version: string;
  /** Path of `pulumi-language-nodejs`, or undefined: programs then run through scripts/client-host.js. */
  languageHost?: string;
}

export type CliLookup = { cli: PulumiCli; missing?: undefined } | { cli?: undefined; missing: string };

let cached: CliLookup | undefined;

/** Finds the CLI once per process. Never builds it (a build takes minutes). */
export function locatePulumiCli(): CliLookup {
  if (!cached) cached = lookUp();
  return cached;
}

function lookUp(): CliLookup {
  const located = spawnSync("bash", [ENSURE_PULUMI_SCRIPT, "--locate"], { encoding: "utf8" });
  const binDir = located.stdout.trim().split("\n").pop() ?? "";
  if (located.status !== 0 || !binDir) {
    return { missing: `${ENSURE_PULUMI_SCRIPT} --locate failed: ${located.stderr.trim() || located.error}` };
  }
  const pulumi = path.join(binDir, "pulumi");
  const version = spawnSync(pulumi, ["version"], { encoding: "utf8" });
  if (version.status !== 0)
    return { missing: `${pulumi} version failed: ${version.stderr.trim() || version.error}` };
  const languageHost = findLanguageHost(binDir, process.env.PATH ?? "");
  return { cli: { binDir, version: version.stdout.trim(), languageHost } };
}

/** `pulumi-language-nodejs` next to the CLI, else on `searchPath`; undefined: run through scripts/client-host.js. */
export function findLanguageHost(binDir: string, searchPath: string): string | undefined {
  const besideCli = path.join(binDir, LANGUAGE_HOST);
  return isExecutable(besideCli) ? besideCli : findOnPath(LANGUAGE_HOST, searchPath);
}

export function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (
      fs.existsSync(path.join(dir, "scripts", "ensure-pulumi.sh")) &&
      fs.existsSync(path.join(dir, "package.json"))
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir)
      throw new Error(`no repository root (scripts/ensure-pulumi.sh) above ${start}`);
  }
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findOnPath(name: string, searchPath: string): string | undefined {
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

/**
 * The directory to put on PATH so the engine finds the dynamic provider plugin, a shell script at the root of
 * @pulumi/pulumi. npm does not always keep its executable bit; then an executable copy goes to `fallbackDir`
 * (the script only resolves @pulumi/pulumi from its working directory, so it runs from anywhere).
 */
export function dynamicProviderPluginDir(sdkDir: string, fallbackDir: string): string {
  const script = path.join(sdkDir, DYNAMIC_PROVIDER_PLUGIN);
  if (isExecutable(script)) return sdkDir;
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: is @pulumi/pulumi installed?`);
  fs.mkdirSync(fallbackDir, { recursive: true });
  const copy = path.join(fallbackDir, DYNAMIC_PROVIDER_PLUGIN);
  fs.copyFileSync(script, copy);
  fs.chmodSync(copy, 0o755);
  return fallbackDir;
}

/**
 * What to put on PATH for the dynamic provider plugin: nothing when it is next to the CLI (a normal
 * installation, and scripts/ensure-pulumi.sh puts it there), else dynamicProviderPluginDir.
 */
export function pluginDirFor(binDir: string, fallbackDir: string): string | undefined {
  if (isExecutable(path.join(binDir, DYNAMIC_PROVIDER_PLUGIN))) return undefined;
  return dynamicProviderPluginDir(PULUMI_SDK_DIR, fallbackDir);
}

/**
 * Inherited variables that must not reach engine tests: a real Pulumi Cloud login, real cloud credentials (AWS_
 * too: the CLI's S3 backend would use them).
 */
const ISOLATED_PREFIXES = ["PULUMI_", "ALIBABA_CLOUD_", "ALICLOUD_", "AWS_"];
const PROXY_VARIABLES = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "http_proxy",
  "https_proxy",
  "grpc_proxy",
  "ALL_PROXY",
  "all_proxy",
];

export interface EngineEnvOptions {
  binDir: string;
  /** Put on PATH only when the CLI's directory lacks the dynamic provider plugin. */
  pluginDir?: string;
  pulumiHome: string;
  stateDir: string;
  /** PULUMI_BACKEND_URL. @default localBackendUrl(stateDir) */
  backendUrl?: string;
  /** Added last, so callers can set emulator endpoints and credentials. */
  extra?: Record<string, string>;
}

/**
 * A file backend whose writes a killed CLI cannot corrupt. The checkpoint itself is written atomically (temp
 * file and rename), but gocloud's fileblob also writes a `<stack>.json.attrs` sidecar by truncating it first:
 * a SIGKILL at that moment leaves it empty, and every later command fails with "failed to load checkpoint:
 * EOF". `metadata=skip` writes no sidecar.
 */
export function localBackendUrl(stateDir: string): string {
  return `file://${stateDir}?metadata=skip`;
}

/** scripts/inspect-colors-guard.js: see there for the Node.js bug that makes a failing program take a minute. */
export const INSPECT_COLORS_GUARD = path.join(REPO_ROOT, "scripts", "inspect-colors-guard.js");

/**
 * NODE_OPTIONS that preload the guard into every node process the engine starts (the language host runs the
 * program with the engine's environment), keeping what the caller had.
 */
export function withInspectColorsGuard(nodeOptions: string | undefined): string {
  return [nodeOptions, `--require=${INSPECT_COLORS_GUARD}`].filter(Boolean).join(" ");
}

/** The inherited environment without ISOLATED_PREFIXES (the demo starts from it too). */
export function isolatedEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !ISOLATED_PREFIXES.some((prefix) => key.startsWith(prefix))) env[key] = value;
  }
  return env;
}

/** The environment of every CLI, program and provider process of one test project: local, offline, isolated. */
export function buildEngineEnv(base: NodeJS.ProcessEnv, options: EngineEnvOptions): Record<string, string> {
  const env = isolatedEnv(base);
  const nodeDir = path.dirname(process.execPath); // the plugin script and the runner call `node`
  Object.assign(env, {
    NODE_OPTIONS: withInspectColorsGuard(base.NODE_OPTIONS),
    PATH: [options.binDir, options.pluginDir, nodeDir, base.PATH ?? ""]
      .filter((dir) => dir !== undefined)
      .join(path.delimiter),
    PULUMI_HOME: options.pulumiHome,
    PULUMI_BACKEND_URL: options.backendUrl ?? localBackendUrl(options.stateDir),
    PULUMI_CONFIG_PASSPHRASE: TEST_CONFIG_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Unlocks --event-log, as the Automation API does.
    PULUMI_DEBUG_COMMANDS: "true",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    NO_PROXY: LOOPBACK_HOSTS,
    no_proxy: LOOPBACK_HOSTS,
    no_grpc_proxy: LOOPBACK_HOSTS,
  });
  for (const name of PROXY_VARIABLES) env[name] = EGRESS_BLACKHOLE_PROXY;
  return { ...env, ...options.extra };
}
