/**
 * The package as a user gets it: `npm pack`, installed (`npm ci --offline`, from npm's cache) into a new project, and
 * the serialized provider round trip run from there. Slower than serialization.test.ts (an npm install).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { installOffline } from "../support/offlineInstall";
import {
  MAX_BY_NAME_BYTES,
  REPO,
  ensureBuilt,
  roundTrip,
  type RoundTripResult,
} from "./serialized/roundTrip";

const run = promisify(execFile);
const GW = "vpn-emu00000000000000002";
const VCO = "vco-emu00000000000000002"; // a connection of the default gateways

let emulator: RunningEmulator;
let project: string;
let result: RoundTripResult;

beforeAll(async () => {
  ensureBuilt();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vpn-pack-"));
  const packed = await run("npm", ["pack", "--silent", "--pack-destination", work], {
    cwd: REPO,
    encoding: "utf8",
  });
  const tarball = path.join(work, packed.stdout.trim().split("\n").pop()!);
  project = path.join(work, "project");
  await installOffline({ dir: project, tarball });
  emulator = await startEmulator({ configDelayMs: 20, seed: 9 });
  result = await roundTrip(project, emulator, GW, VCO);
}, 240_000);
afterAll(async () => {
  await emulator?.stop();
  if (project) fs.rmSync(path.dirname(project), { recursive: true, force: true });
});

describe("the serialized provider, from an npm pack install in another project", () => {
  it("refers to the installed package by module name, in a few hundred bytes, and holds no credential", () => {
    for (const [name, text] of Object.entries(result.texts)) {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_BY_NAME_BYTES);
      expect(text).toContain(`require("alicloud-vpn-routes/dist/provider/serialized/${name}.js")`);
      expect(text).not.toContain("loadRuntime");
      expect(text).not.toContain(emulator.credentials.accessKeySecret);
      expect(text).not.toContain(emulator.credentials.accessKeyId);
      expect(text).not.toContain(project);
    }
  });

  it("runs the lifecycle with the installed package's runtime", () => {
    expect(result.report.runtimeFiles).toEqual([
      fs.realpathSync(
        path.join(project, "node_modules", "alicloud-vpn-routes", "dist", "provider", "runtime", "index.js"),
      ),
    ]);
    expect(result.report.vpnRouteEntry.create).toMatchObject({ id: `${GW}:${VCO}:10.100.0.0/16` });
    expect(result.report.vpnRouteEntry.update).toMatchObject({ outs: { weight: 0 } });
    expect(result.report.vpnPbrRouteEntry.readAfterDelete).toEqual({});
    expect(emulator.routes(GW)).toEqual([]);
    expect(emulator.pbrRoutes(GW)).toEqual([]);
    expect(emulator.counts()).toMatchObject({
      CreateVpnPbrRouteEntry: 1,
      DeleteVpnPbrRouteEntry: 1,
      ModifyVpnPbrRouteEntryAttribute: 1,
    });
  });
});
