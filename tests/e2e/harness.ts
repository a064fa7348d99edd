/**
 * Engine tests: a Pulumi project in a throwaway directory, driven through the real `pulumi` CLI on a local file
 * backend, offline.
 *
 * Why the CLI and not the Automation API: the Automation API's LocalWorkspace adds a version gate, event-log
 * tailing and, for inline programs, runs the program inside the calling process, where Jest's module registry
 * breaks the dynamic provider's closure serialization. Running `pulumi` directly keeps every failure's stdout and
 * stderr at hand.
 *
 * Programs: a project directory with a Pulumi.yaml (`runtime: nodejs`) and a `main` that is a .js or .ts file.
 * Plain JS that requires compiled code (dist/, or the package installed with `installPackage`) is the fastest
 * and safest. TypeScript works as in @pulumi/pulumi 3.248's runner (cmd/run/run.js): it uses `typescript` and
 * `ts-node` resolved from the SDK's location when installed (here: the repository's typescript 5.x) and falls
 * back to the SDK's vendored typescript@3.8.3 / ts-node@7.0.1 (here: ts-node). It type-checks unless
 * PULUMI_NODEJS_TRANSPILE_ONLY=true or the project's tsconfig has `noCheck`, which roughly doubles a run.
 *
 * The language runtime: `pulumi-language-nodejs` when the CLI has one; otherwise scripts/client-host.js
 * through the CLI's `--client` flag (same runner, same protocol; see that file for why).
 *
 * Project directories live under tests/e2e/.work/ (git-ignored) so that programs resolve the repository's
 * node_modules (@pulumi/pulumi, one instance for the program, the runner and the provider host).
 */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  buildEngineEnv,
  clientHostRefusal,
  locatePulumiCli,
  pluginDirFor,
  PulumiCli,
  REPO_ROOT,
} from "./pulumi-cli";
import { parseEventLog, parsePreviewJson, PreviewReport, UpdateReport } from "./engine-output";
import { ClientHost, startClientHost } from "./client-host-process";
import { PulumiCommandError } from "./pulumi-command-error";

export { PulumiCommandError } from "./pulumi-command-error";
export type { ChangeSummary, Diagnostic, PreviewReport, PreviewStep, UpdateReport } from "./engine-output";

export const WORK_ROOT = path.join(REPO_ROOT, "tests", "e2e", ".work");
const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
const DEFAULT_STACK = "test";
const DEFAULT_PROJECT_NAME = "e2e";
const DEFAULT_MAIN = "index.js";
/** Stack config files of the source directory are not copied: the test's stack has its own. */
const NOT_COPIED = /^(node_modules|Pulumi\.[^.]+\.yaml)$/;

export type ConfigValue = string | { value: string; secret?: boolean; path?: boolean };

export interface ProjectOptions {
  /** An existing program directory to copy (without node_modules and stack files). */
  programDir?: string;
  /** Files to write into the project, relative path to content; written after `programDir` is copied. */
  files?: Record<string, string>;
  /** Project name, used when no Pulumi.yaml is provided. @default "e2e" */
  name?: string;
  /** Entry point, used when no Pulumi.yaml is provided. @default "index.js" */
  main?: string;
  /** @default "test" */
  stack?: string;
  /** Stack configuration set right after `stack init`, keys with or without namespace. @default {} */
  config?: Record<string, ConfigValue>;
  /** Extra environment for the CLI, the program and the provider host (emulator endpoint, credentials). @default {} */
  env?: Record<string, string>;
  /**
   * Install this repository's package (package.json and dist/, as `npm pack` ships it) into the project's
   * node_modules, so programs and serialized providers `require` it by name. Needs `npm run build` first.
   * @default false
   */
  installPackage?: boolean;
  /** @default "auto": the real language host when the CLI has one, else scripts/client-host.js */
  languageRuntime?: "auto" | "client" | "language-host";
  /** Per CLI command. @default 120000 */
  commandTimeoutMs?: number;
  /**
   * Where the project's work directory is created; it must be inside this repository (or have a node_modules
   * with @pulumi/pulumi above it) so programs resolve the SDK.
   * @default tests/e2e/.work
   */
  workRoot?: string;
  /** Keep the directory after dispose() for inspection. @default process.env.E2E_KEEP === "1" */
  keep?: boolean;
  /**
   * The state backend (PULUMI_BACKEND_URL), e.g. `s3://<bucket>?endpoint=...` with its credentials in `env`.
   * @default a file backend in the work directory (`file://<work>/state?metadata=skip`)
   */
  backendUrl?: string;
  /**
   * The stack is already in the backend (another clone of a team's project): `pulumi stack select` it instead of
   * `stack init`. Give the project the stack's config file (Pulumi.<stack>.yaml, with its encryption salt) in
   * `files`, as a team keeps it in its repository. @default false
   */
  stackExists?: boolean;
}

export interface CommandResult {
  args: string[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Output of the program processes (client-host mode only; the real host sends it to the engine). */
  programOutput: string;
  durationMs: number;
}

export interface RunOptions {
  /** Resolve with the result instead of throwing when the CLI exits non-zero. @default false */
  allowFailure?: boolean;
  /** Serve the program with the client host for this command (engine operations only). @default false */
  withProgram?: boolean;
  /** Text for the CLI's stdin. @default "" */
  stdin?: string;
  /** Leave out `--stack`, for commands that take none (`pulumi package add`). @default false */
  withoutStack?: boolean;
}

export interface UpOptions {
  /** `--skip-preview`: one program run instead of two. @default false */
  skipPreview?: boolean;
  /** Extra CLI arguments, e.g. ["--target", urn]. @default [] */
  args?: string[];
}

/** An engine command started with `start()`, for tests that interrupt it. */
export interface RunningCommand {
  /** The `pulumi` process. */
  pid: number;
  /** Settles when the CLI has exited and the client host has stopped; never rejects on a non-zero exit. */
  done: Promise<CommandResult>;
  /**
   * Sends a signal to the CLI alone, or with `tree` to the CLI and every process below it (the plugins it
   * started, such as the dynamic provider host), as when a CI job or a machine goes down. The engine starts
   * plugins in process groups of their own, so a group signal would miss them, and a plugin whose CLI is gone
   * keeps running: it would go on writing to the API after the test moved on.
   */
  kill(signal: NodeJS.Signals, options?: { tree?: boolean }): void;
}

export interface StackDeployment {
  version: number;
  deployment: {
    resources?: {
      urn: string;
      type: string;
      id?: string;
      inputs?: Record<string, unknown>;
      outputs?: Record<string, unknown>;
      dependencies?: string[];
    }[];
    [key: string]: unknown;
  };
}

/** Creates the project directory, its stack and config. Call dispose() when done. */
export async function createPulumiProject(options: ProjectOptions = {}): Promise<PulumiProject> {
  const located = locatePulumiCli();
  if (!located.cli) throw new Error(`Pulumi CLI not available: ${located.missing}`);
  const workRoot = options.workRoot ?? WORK_ROOT;
  fs.mkdirSync(workRoot, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(workRoot, `${options.name ?? DEFAULT_PROJECT_NAME}-`));
  const project = new PulumiProject(located.cli, workDir, options);
  try {
    await project.init(options);
  } catch (err) {
    await project.dispose();
    throw err;
  }
  return project;
}

export class PulumiProject {
  /** The project directory (Pulumi.yaml, program, stack config). */
  readonly dir: string;
  readonly stack: string;
  readonly env: Record<string, string>;
  readonly useClientHost: boolean;
  private readonly timeoutMs: number;
  private readonly keep: boolean;
  private commandCount = 0;

  constructor(
    readonly cli: PulumiCli,
    /** Holds the project, the backend state, PULUMI_HOME and event logs. */
    readonly workDir: string,
    options: ProjectOptions,
  ) {
    this.dir = path.join(workDir, "project");
    this.stack = options.stack ?? DEFAULT_STACK;
    this.timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.keep = options.keep ?? process.env.E2E_KEEP === "1";
    const runtime = options.languageRuntime ?? "auto";
    if (runtime === "language-host" && !cli.languageHost) {
      throw new Error(`languageRuntime "language-host" requested, but there is no pulumi-language-nodejs`);
    }
    this.useClientHost = runtime === "client" || (runtime === "auto" && !cli.languageHost);
    const refusal = runtime === "auto" && this.useClientHost ? clientHostRefusal(process.env) : undefined;
    if (refusal) throw new Error(refusal);
    for (const sub of ["state", "home", "events"]) fs.mkdirSync(path.join(workDir, sub), { recursive: true });
    this.env = buildEngineEnv(process.env, {
      binDir: cli.binDir,
      pluginDir: pluginDirFor(cli.binDir, path.join(workDir, "plugin-bin")),
      pulumiHome: path.join(workDir, "home"),
      stateDir: path.join(workDir, "state"),
      backendUrl: options.backendUrl,
      extra: options.env,
    });
  }

  /** @internal called by createPulumiProject */
  async init(options: ProjectOptions): Promise<void> {
    writeProgram(this.dir, options);
    if (options.installPackage) installThisPackage(this.dir);
    if (options.stackExists) await this.run(["stack", "select", this.stack]);
    else await this.run(["stack", "init", this.stack]);
    for (const [key, value] of Object.entries(options.config ?? {})) {
      await this.setConfig(key, typeof value === "string" ? { value } : value);
    }
  }

  /** `pulumi config set`; the value goes through stdin so it never appears in arguments or error messages. */
  async setConfig(
    key: string,
    { value, secret = false, path: isPath = false }: Exclude<ConfigValue, string>,
  ) {
    const args = ["config", "set", key, ...(secret ? ["--secret"] : []), ...(isPath ? ["--path"] : [])];
    await this.run(args, { stdin: value });
  }

  /** `pulumi preview --json`. */
  async preview(args: string[] = []): Promise<PreviewReport> {
    try {
      const result = await this.run(["preview", "--json", ...args], { withProgram: true });
      return parsePreviewJson(result.stdout);
    } catch (err) {
      // A failed preview still prints its JSON document, diagnostics included.
      if (err instanceof PulumiCommandError)
        err.preview = tryParse(() => parsePreviewJson(err.result.stdout));
      throw err;
    }
  }

  /** `pulumi up --yes`; the report comes from the engine's event log. */
  async up(options: UpOptions = {}): Promise<UpdateReport> {
    const args = ["up", "--yes", ...(options.skipPreview ? ["--skip-preview"] : []), ...(options.args ?? [])];
    return this.engineOperation(args);
  }

  /** `pulumi refresh --yes` (runs the code stored in state, not the program). */
  async refresh(args: string[] = []): Promise<UpdateReport> {
    return this.engineOperation(["refresh", "--yes", ...args]);
  }

  /** `pulumi destroy --yes` (runs the code stored in state, not the program). */
  async destroy(args: string[] = []): Promise<UpdateReport> {
    return this.engineOperation(["destroy", "--yes", ...args]);
  }

  /** The stack outputs, secrets in clear text. */
  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.run(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** `pulumi stack export`: the state as stored (secrets encrypted unless showSecrets). */
  async exportStack({ showSecrets = false } = {}): Promise<StackDeployment> {
    const result = await this.run(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
    return JSON.parse(result.stdout) as StackDeployment;
  }

  /** Any CLI command in the project, with --stack and --non-interactive added where they apply. */
  async run(args: string[], options: RunOptions = {}): Promise<CommandResult> {
    const fullArgs = [...args, "--non-interactive", "--color", "never"];
    if (!options.withoutStack && !(args[0] === "stack" && (args[1] === "init" || args[1] === "select")))
      fullArgs.push("--stack", this.stack);
    let host: ClientHost | undefined;
    if (options.withProgram && this.useClientHost) {
      host = await startClientHost(this.dir, this.env);
      fullArgs.push(`--client=${host.address}`);
    }
    const started = Date.now();
    let executed: Executed;
    let programOutput = "";
    try {
      executed = await execute(path.join(this.cli.binDir, "pulumi"), fullArgs, {
        cwd: this.dir,
        env: this.env,
        stdin: options.stdin ?? "",
        timeoutMs: this.timeoutMs,
      });
    } finally {
      if (host) programOutput = await host.stop();
    }
    const result = { args: fullArgs, ...executed, programOutput, durationMs: Date.now() - started };
    if (result.exitCode !== 0 && !options.allowFailure) throw new PulumiCommandError(result);
    return result;
  }

  /**
   * Starts an engine command (`up`, `refresh`...) with the program served and an event log, and returns at
   * once, for tests that interrupt it.
   */
  async start(args: string[]): Promise<RunningCommand> {
    const eventLog = path.join(this.workDir, "events", `${++this.commandCount}-${args[0]}.jsonl`);
    const fullArgs = [...args, "--event-log", eventLog, "--non-interactive", "--color", "never"];
    fullArgs.push("--stack", this.stack);
    const host = this.useClientHost ? await startClientHost(this.dir, this.env) : undefined;
    if (host) fullArgs.push(`--client=${host.address}`);
    const started = Date.now();
    const { child, result } = spawnCommand(path.join(this.cli.binDir, "pulumi"), fullArgs, {
      cwd: this.dir,
      env: this.env,
      stdin: "",
      timeoutMs: this.timeoutMs,
    });
    const done = result.then(async (executed) => {
      const programOutput = host ? await host.stop() : "";
      return { args: fullArgs, ...executed, programOutput, durationMs: Date.now() - started };
    });
    return {
      pid: child.pid!,
      done,
      kill: (signal, { tree = false } = {}) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // Listed before the CLI goes: its orphans are adopted by init and no longer found below it.
        const below = tree ? descendantsOf(child.pid!) : [];
        child.kill(signal);
        for (const pid of below) signalIfAlive(pid, signal);
      },
    };
  }

  /** Removes the work directory (unless kept). Destroys nothing: call destroy() first when a test needs it. */
  async dispose(): Promise<void> {
    if (this.keep) return;
    await fs.promises.rm(this.workDir, { recursive: true, force: true });
  }

  private async engineOperation(args: string[]): Promise<UpdateReport> {
    const eventLog = path.join(this.workDir, "events", `${++this.commandCount}-${args[0]}.jsonl`);
    try {
      await this.run([...args, "--event-log", eventLog], { withProgram: true });
    } catch (err) {
      if (err instanceof PulumiCommandError && fs.existsSync(eventLog)) {
        err.report = parseEventLog(fs.readFileSync(eventLog, "utf8"));
      }
      throw err;
    }
    return parseEventLog(fs.readFileSync(eventLog, "utf8"));
  }
}

function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

function writeProgram(dir: string, options: ProjectOptions): void {
  fs.mkdirSync(dir, { recursive: true });
  if (options.programDir) {
    fs.cpSync(options.programDir, dir, {
      recursive: true,
      filter: (source) => source === options.programDir || !NOT_COPIED.test(path.basename(source)),
    });
  }
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  const name = options.name ?? DEFAULT_PROJECT_NAME;
  if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
    const main = options.main ?? DEFAULT_MAIN;
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: ${main}\n`);
  }
  // Without its own package.json the project would sit inside this repository's package, whose `main` the
  // runner would take as the program when Pulumi.yaml has none.
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true }, null, 2) + "\n");
  }
}

/** What `npm pack` would ship: package.json and the compiled code, minus the test and example builds. */
const PACKED_DIST_EXCLUDES = ["tests", "examples", "bench"].map((d) => path.join(REPO_ROOT, "dist", d));

/** This package as `npm pack` ships it, into `projectDir`/node_modules (replacing an earlier copy). */
export function installThisPackage(projectDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    name: string;
  };
  const dist = path.join(REPO_ROOT, "dist");
  if (!fs.existsSync(path.join(dist, "index.js"))) {
    throw new Error(
      `installPackage needs the compiled package: ${dist}/index.js is missing (run npm run build)`,
    );
  }
  // A copy, not a symlink: Node would resolve a symlink to the repository path, and the closure serializer
  // captures modules outside node_modules by value instead of by name.
  const target = path.join(projectDir, "node_modules", manifest.name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(target, "package.json"));
  fs.cpSync(dist, path.join(target, "dist"), {
    recursive: true,
    filter: (source) => !PACKED_DIST_EXCLUDES.includes(source),
  });
}

interface Executed {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  timeoutMs: number;
}

/** Every process below `root`, from the parent ids in /proc (Linux). */
export function descendantsOf(root: number, procDir = "/proc"): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(path.join(procDir, entry, "stat"), "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0;) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

function execute(command: string, args: string[], opts: SpawnOptions): Promise<Executed> {
  return spawnCommand(command, args, opts).result;
}

function spawnCommand(
  command: string,
  args: string[],
  opts: SpawnOptions,
): { child: ChildProcessWithoutNullStreams; result: Promise<Executed> } {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs });
  const result = new Promise<Executed>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (exitCode, signal) => {
      if (signal)
        stderr += `\n[killed by ${signal}${signal === "SIGTERM" ? `, timeout ${opts.timeoutMs} ms?` : ""}]`;
      resolve({ exitCode, stdout, stderr });
    });
    child.stdin.end(opts.stdin);
  });
  return { child, result };
}
