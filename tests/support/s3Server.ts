/**
 * A real S3-compatible server on loopback for tests that keep Pulumi state in a bucket: versitygw (Apache-2.0,
 * built by scripts/ensure-versitygw.sh) serving a temporary directory through its posix backend, over https with
 * the test certificate of testTls.ts.
 *
 * The posix backend maps a bucket to a directory of its root and an object key to a path below it, so a bucket is
 * made with mkdir, and tests read what the S3 clients stored straight from the disk (`bucketDir`).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { testTls } from "./testTls";

/** Found by walking up, so the compiled module (dist/tests/support) finds the same root as the sources. */
function repoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "scripts", "ensure-versitygw.sh"))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`no repository root (scripts/ensure-versitygw.sh) above ${start}`);
  }
}
export const ENSURE_VERSITYGW_SCRIPT = path.join(repoRoot(__dirname), "scripts", "ensure-versitygw.sh");
/** The region the server signs for; a client must sign for the same one (versitygw refuses others). */
export const S3_TEST_REGION = "cn-hangzhou";
const START_TIMEOUT_MS = 15_000;

export interface S3ServerOptions {
  /** The bucket to create. @default "pulumi-state" */
  bucket?: string;
  /** Region the server answers for. @default S3_TEST_REGION */
  region?: string;
}

export interface RunningS3Server {
  /** `https://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** PEM file of the server's certificate (self-signed: it is its own trust anchor). */
  caFile: string;
  /** The root directory the posix backend serves. */
  rootDir: string;
  /** Where the bucket's objects are on disk: key `a/b.json` is `<bucketDir>/a/b.json`. */
  bucketDir: string;
  /**
   * What a Go S3 client (the Pulumi CLI's DIY backend) needs to reach the bucket: the key pair in the standard
   * AWS variables, and the certificate as the only trusted root (SSL_CERT_FILE; Go reads it on Linux).
   */
  clientEnv: Record<string, string>;
  /** The server's own output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Where versitygw is, or why not. Never builds it (`npm test`'s pretest does). */
export function locateVersitygw():
  { binary: string; missing?: undefined } | { binary?: undefined; missing: string } {
  const located = spawnSync("bash", [ENSURE_VERSITYGW_SCRIPT, "--locate"], { encoding: "utf8" });
  const binDir = located.stdout.trim().split("\n").pop() ?? "";
  if (located.status !== 0 || !binDir) {
    return {
      missing: `${ENSURE_VERSITYGW_SCRIPT} --locate failed: ${located.stderr.trim() || located.error}`,
    };
  }
  return { binary: path.join(binDir, "versitygw") };
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for versitygw to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers an https request with any status (an unsigned request gets 403). */
function answers(port: number, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = https.get({ host: "127.0.0.1", port, path: "/", ca, timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

export async function startS3Server(options: S3ServerOptions = {}): Promise<RunningS3Server> {
  const located = locateVersitygw();
  if (!located.binary) throw new Error(`versitygw not available: ${located.missing}`);
  const tls = await testTls();
  const bucket = options.bucket ?? "pulumi-state";
  const region = options.region ?? S3_TEST_REGION;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-s3-"));
  const rootDir = path.join(work, "root");
  const bucketDir = path.join(rootDir, bucket);
  fs.mkdirSync(bucketDir, { recursive: true });
  // versitygw resolves relative --cert/--key paths after changing directory: give it absolute ones.
  const keyFile = path.join(work, "key.pem");
  fs.writeFileSync(keyFile, tls.key, { mode: 0o600 });
  const accessKeyId = `AKTEST${randomBytes(6).toString("hex").toUpperCase()}`;
  const secretAccessKey = randomBytes(24).toString("base64url");

  let lastError = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    let output = "";
    const child: ChildProcess = spawn(
      located.binary,
      [
        "--access",
        accessKeyId,
        "--secret",
        secretAccessKey,
        "--region",
        region,
        "--port",
        `127.0.0.1:${port}`,
        "--cert",
        tls.caFile,
        "--key",
        keyFile,
        "--quiet",
        "posix",
        rootDir,
      ],
      // Only what it needs: no inherited credentials or proxies.
      { env: { PATH: process.env.PATH ?? "", HOME: work }, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const deadline = Date.now() + START_TIMEOUT_MS;
    let up = false;
    while (!up && child.exitCode === null && Date.now() < deadline) {
      up = await answers(port, tls.cert);
      if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!up) {
      child.kill("SIGKILL");
      await exited;
      lastError = `versitygw did not answer on 127.0.0.1:${port} (exit ${child.exitCode}): ${output.trim()}`;
      continue; // e.g. another process took the port in between
    }
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(killer);
      }
      await fs.promises.rm(work, { recursive: true, force: true });
    };
    return {
      endpoint: `https://127.0.0.1:${port}`,
      port,
      bucket,
      region,
      accessKeyId,
      secretAccessKey,
      caFile: tls.caFile,
      rootDir,
      bucketDir,
      clientEnv: {
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: secretAccessKey,
        SSL_CERT_FILE: tls.caFile,
      },
      output: () => output,
      stop,
    };
  }
  await fs.promises.rm(work, { recursive: true, force: true });
  throw new Error(lastError);
}

/** Every file below `dir`, relative to it, with `/` separators. */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}
