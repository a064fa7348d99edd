import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  MAX_SERIALIZED_BYTES,
  REPO,
  ensureBuilt,
  roundTrip,
  type RoundTripResult,
} from "./serialized/roundTrip";

const GW = "vpn-emu00000000000000001";
const VCO = "vco-emu00000000000000001";

let emulator: RunningEmulator;
let result: RoundTripResult;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ configDelayMs: 20, seed: 4 });
  result = await roundTrip(REPO, emulator, GW, VCO);
}, 120_000);
afterAll(() => emulator?.stop());

describe("the serialized provider, from this repository's compiled package (not under node_modules)", () => {
  it("is copied by value, and stays under 4 KB per resource", () => {
    for (const text of Object.values(result.texts)) {
      expect(Buffer.byteLength(text)).toBeGreaterThan(500);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_SERIALIZED_BYTES);
      expect(text).toContain("loadRuntime");
      expect(text).not.toContain("dist/provider/serialized");
    }
  });

  it("carries no credential, endpoint or configuration, and refers to the runtime by package name", () => {
    for (const text of Object.values(result.texts)) {
      expect(text).not.toContain(emulator.credentials.accessKeySecret);
      expect(text).not.toContain(emulator.credentials.accessKeyId);
      expect(text).not.toContain(emulator.endpoint);
      expect(text).not.toContain("cn-hangzhou");
      expect(text).toContain('"alicloud-vpn-routes/runtime"');
      expect(text).not.toContain(REPO);
    }
  });

  it("runs the whole lifecycle after require-from-string and .handler()", () => {
    const dbr = result.report.vpnRouteEntry;
    expect(dbr.check).toEqual({
      inputs: expect.objectContaining({ routeDest: "10.100.0.0/16" }),
      failures: [],
    });
    expect(dbr.create).toMatchObject({
      id: `${GW}:${VCO}:10.100.0.0/16`,
      outs: { state: "published", weight: 100 },
    });
    expect(dbr.read).toMatchObject({ id: `${GW}:${VCO}:10.100.0.0/16`, props: { weight: 100 } });
    expect(dbr.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(dbr.update).toMatchObject({ outs: { weight: 0 } });
    expect(dbr.readAfterDelete).toEqual({});
    const pbr = result.report.vpnPbrRouteEntry;
    expect(pbr.create).toMatchObject({
      id: `${GW}:${VCO}:192.168.200.0/24:10.200.0.0/16`,
      outs: { priority: 10 },
    });
    expect(pbr.readAfterDelete).toEqual({});
    expect(emulator.counts()).toMatchObject({
      CreateVpnRouteEntry: 1,
      CreateVpnPbrRouteEntry: 1,
      DeleteVpnRouteEntry: 1,
    });
    expect(emulator.routes(GW)).toEqual([]);
  });

  it("loaded the runtime once, from the package's compiled code in this repository", () => {
    expect(result.report.runtimeFiles).toEqual([`${REPO}/dist/provider/runtime/index.js`]);
  });
});
