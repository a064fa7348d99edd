/**
 * Starts scripts/client-host.js for one CLI command and stops it afterwards. The engine tests and, compiled,
 * `npm run demo` (scripts/demo-pulumi.js) both start it through here.
 */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "./pulumi-cli";

/**
 * Plain JS, run from the sources: tsc does not copy it (or the guard it preloads) into dist/. It lives in scripts/
 * because `npm run demo` needs it too.
 */
export const CLIENT_HOST_SCRIPT = path.join(REPO_ROOT, "scripts", "client-host.js");
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ClientHost {
  /** 127.0.0.1:PORT, for `pulumi ... --client=<address>`. */
  address: string;
  /** Closes its stdin, waits for it to exit (killing it after a grace period); resolves to the program output. */
  stop(): Promise<string>;
}

export interface ClientHostOptions {
  /** Also called with the program output as it comes (the demo shows it live). */
  onOutput?: (chunk: string) => void;
}

export function startClientHost(
  projectDir: string,
  env: Record<string, string>,
  { onOutput }: ClientHostOptions = {},
): Promise<ClientHost> {
  const child = spawn(process.execPath, [CLIENT_HOST_SCRIPT], { cwd: projectDir, env });
  let output = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    onOutput?.(chunk);
  });
  return new Promise<ClientHost>((resolve, reject) => {
    let firstLine = "";
    const timer = setTimeout(
      () => fail(new Error(`client host did not start in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${err.message}\n${output}`));
    };
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`client host exited with ${code} before listening`)));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      firstLine += chunk;
      if (!firstLine.includes("\n")) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const { port } = JSON.parse(firstLine.split("\n")[0]) as { port: number };
      resolve({ address: `127.0.0.1:${port}`, stop: once(() => stop(child).then(() => output)) });
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end();
  });
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}
