/** Shared by the round-trip tests: build if needed, run the two child processes, check the texts. */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../../emulator";

export const REPO = path.resolve(__dirname, "..", "..", "..");
const DIST_TESTS = path.join(REPO, "dist", "tests", "provider", "serialized");
/** The bound the issue sets for `__provider`, per resource, when the provider is copied by value. */
export const MAX_SERIALIZED_BYTES = 4096;
/** The bound when the package is installed under node_modules and `__provider` refers to it by module name. */
export const MAX_BY_NAME_BYTES = 128;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm run build` when dist/ is missing or older than the provider's sources or these drivers. */
export function ensureBuilt(): void {
  const built = path.join(REPO, "dist", "provider", "runtime", "index.js");
  const driver = path.join(DIST_TESTS, "driveSerialized.js");
  const sources = Math.max(newestMtime(path.join(REPO, "provider")), newestMtime(__dirname));
  const fresh =
    fs.existsSync(built) &&
    fs.existsSync(driver) &&
    fs.statSync(driver).mtimeMs >= sources &&
    fs.statSync(built).mtimeMs >= sources;
  if (fresh) return;
  // tsc emits even when files others are still writing have type errors; the drivers only need ours.
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", REPO], {
      cwd: REPO,
      stdio: "pipe",
    });
  } catch {
    if (!fs.existsSync(driver)) throw new Error("the build produced no round-trip drivers");
  }
}

/** The `__provider` texts of both route kinds as this repository's compiled package serializes them. */
export async function serializedProviders(): Promise<{ vpnRouteEntry: string; vpnPbrRouteEntry: string }> {
  const serializer = path.join(DIST_TESTS, "serializeProviders.js");
  const { stdout } = await promisify(execFile)(process.execPath, [serializer, REPO, "{}"], { cwd: REPO });
  return JSON.parse(stdout);
}

export interface RoundTripResult {
  texts: Record<string, string>;
  report: Record<string, Record<string, Record<string, unknown>>> & { runtimeFiles: string[] };
}

const run = promisify(execFile);

/**
 * Serializes in one plain node process, runs the lifecycle in another (cwd = projectDir). Asynchronous: the
 * emulator answering the child lives in this process's event loop.
 */
export async function roundTrip(
  projectDir: string,
  emulator: RunningEmulator,
  gw: string,
  vco: string,
): Promise<RoundTripResult> {
  const stack = {
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": "cn-hangzhou",
    "alicloud-vpn:endpoint": emulator.endpoint,
  };
  const env = {
    ...process.env,
    ALICLOUD_ACCESS_KEY: emulator.credentials.accessKeyId,
    ALICLOUD_SECRET_KEY: emulator.credentials.accessKeySecret,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  };
  const node = async (script: string, args: string[]) =>
    (
      await run(process.execPath, [path.join(DIST_TESTS, script), ...args], {
        cwd: projectDir,
        env,
        encoding: "utf8",
        maxBuffer: 1 << 24,
        timeout: 90_000,
      })
    ).stdout;
  const texts = JSON.parse(await node("serializeProviders.js", [projectDir, JSON.stringify(stack)]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpn-roundtrip-"));
  try {
    const file = path.join(dir, "providers.json");
    fs.writeFileSync(file, JSON.stringify(texts));
    const report = JSON.parse(await node("driveSerialized.js", [file, JSON.stringify(stack), gw, vco]));
    return { texts, report };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
