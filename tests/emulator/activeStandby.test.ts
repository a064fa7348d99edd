/**
 * ModifyVpnRouteEntryWeight as Alibaba's reference describes it (January 2026): refused beside the other
 * route of an active/standby pair, and a success that changes nothing on a dual-tunnel gateway; what
 * DescribeVpnGateway and the listings report for such a gateway (read through the official SDK's models);
 * ModifyVpnPbrRouteEntryAttribute.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { optionsFromArgs } from "../../emulator/cli";
import { type Driver, failure, popCore, vpcSdk } from "./helpers/drivers";
import { type Fixture, fixture, GW, onGw, REGION } from "./helpers/fixture";

const DUAL = "vpn-dual000000000000001";
const DR_VSWITCH = "vsw-dr0000000000000001";
const DEST = "10.20.0.0/16";
const A = { RouteDest: DEST, NextHop: "vco-a" };
const B = { RouteDest: DEST, NextHop: "vco-b" };
const PBR = { RouteSource: "192.168.0.0/24", RouteDest: DEST };

let f: Fixture;
let api: Driver;
beforeEach(async () => {
  f = await fixture({
    gateways: [
      { vpnGatewayId: GW, regionId: REGION },
      { vpnGatewayId: DUAL, regionId: REGION, disasterRecoveryVSwitchId: DR_VSWITCH },
    ],
  });
  api = popCore(f.emulator);
});
afterEach(() => f.emulator.stop());

async function write(action: string, params: Record<string, unknown>, gw = GW): Promise<void> {
  await api.call(action, onGw(params, gw));
  f.settle();
}
const weights = (gw = GW) => f.emulator.routes(gw).map((r) => [r.NextHop, r.Weight]);
const status = async (gw = GW) => (await api.call("DescribeVpnGateway", onGw({}, gw))).Status;

describe("a destination route's weight beside its active/standby sibling", () => {
  beforeEach(async () => {
    await write("CreateVpnRouteEntry", { ...A, Weight: 100, PublishVpc: true });
    await write("CreateVpnRouteEntry", { ...B, Weight: 0, PublishVpc: true });
  });

  test("is refused with OperationUnsupported.ActiveStandbyRouteExists, both ways; nothing changes", async () => {
    for (const [route, weight, newWeight] of [
      [A, 100, 0],
      [B, 0, 100],
      [B, 0, 0],
    ] as const) {
      const refused = await failure(
        api.call("ModifyVpnRouteEntryWeight", onGw({ ...route, Weight: weight, NewWeight: newWeight })),
      );
      expect(refused).toMatchObject({ code: "OperationUnsupported.ActiveStandbyRouteExists", status: 400 });
      expect(refused.message).toContain("NextHop=");
    }
    expect(weights()).toEqual([
      ["vco-a", 100],
      ["vco-b", 0],
    ]);
    expect(await status()).toBe("active");
  });

  test("changes once the sibling is deleted; the sibling is then configured again (the documented way)", async () => {
    await write("DeleteVpnRouteEntry", { ...B, Weight: 0 });
    await write("ModifyVpnRouteEntryWeight", { ...A, Weight: 100, NewWeight: 0 });
    await write("CreateVpnRouteEntry", { ...B, Weight: 100, PublishVpc: true });
    expect(weights()).toEqual([
      ["vco-a", 0],
      ["vco-b", 100],
    ]);
  });

  test("policy routes keep only the one-active rule: an entry's weight changes beside its sibling", async () => {
    await write("CreateVpnPbrRouteEntry", { ...PBR, NextHop: "vco-a", Weight: 100, PublishVpc: false });
    await write("CreateVpnPbrRouteEntry", { ...PBR, NextHop: "vco-b", Weight: 0, PublishVpc: false });
    expect(
      await failure(
        api.call(
          "ModifyVpnPbrRouteEntryWeight",
          onGw({ ...PBR, NextHop: "vco-b", Weight: 0, NewWeight: 100 }),
        ),
      ),
    ).toMatchObject({ code: "VpnRouteEntry.ActiveRouteConflict" });
    await write("ModifyVpnPbrRouteEntryWeight", { ...PBR, NextHop: "vco-a", Weight: 100, NewWeight: 0 });
    expect(f.emulator.pbrRoutes(GW).map((r) => r.Weight)).toEqual([0, 0]);
  });
});

describe("a gateway in dual-tunnel mode", () => {
  test("DescribeVpnGateway reports its disaster-recovery vSwitch and address; a single-tunnel one does not", async () => {
    const sdk = vpcSdk(f.emulator, "acs3");
    const dual = await sdk.call("DescribeVpnGateway", onGw({}, DUAL));
    expect(dual).toMatchObject({
      VpnGatewayId: DUAL,
      DisasterRecoveryVSwitchId: DR_VSWITCH,
      ChargeType: "POSTPAY",
      GatewayType: "Traditional",
      VSwitchId: "vsw-dual000000000000001",
    });
    expect(dual.DisasterRecoveryInternetIp).toMatch(/^47\.\d+\.\d+\.\d+$/);
    expect(dual.DisasterRecoveryInternetIp).not.toBe(dual.InternetIp);
    const single = await sdk.call("DescribeVpnGateway", onGw({}, GW));
    expect(single).toMatchObject({ ChargeType: "POSTPAY", GatewayType: "Traditional" });
    expect(single).not.toHaveProperty("DisasterRecoveryVSwitchId");
    expect(single).not.toHaveProperty("DisasterRecoveryInternetIp");
  });

  test("ModifyVpnRouteEntryWeight answers success, makes the gateway busy, and keeps the weight", async () => {
    await write("CreateVpnRouteEntry", { ...A, Weight: 100, PublishVpc: true }, DUAL);
    const body = await api.call("ModifyVpnRouteEntryWeight", onGw({ ...A, Weight: 100, NewWeight: 0 }, DUAL));
    expect(body.RequestId).toEqual(expect.any(String));
    expect(await status(DUAL)).toBe("updating");
    f.settle();
    expect(weights(DUAL)).toEqual([["vco-a", 100]]);
    // Replacing the route is what changes it.
    await write("DeleteVpnRouteEntry", { ...A, Weight: 100 }, DUAL);
    await write("CreateVpnRouteEntry", { ...A, Weight: 0, PublishVpc: true }, DUAL);
    expect(weights(DUAL)).toEqual([["vco-a", 0]]);
  });

  test("policy routes: ModifyVpnPbrRouteEntryWeight keeps the weight; ModifyVpnPbrRouteEntryAttribute changes the priority only", async () => {
    const route = { ...PBR, NextHop: "vco-a" };
    await write("CreateVpnPbrRouteEntry", { ...route, Weight: 100, PublishVpc: false, Priority: 5 }, DUAL);
    await write("ModifyVpnPbrRouteEntryWeight", { ...route, Weight: 100, NewWeight: 0 }, DUAL);
    await write(
      "ModifyVpnPbrRouteEntryAttribute",
      { ...route, Weight: 100, Priority: 5, NewWeight: 0, NewPriority: 7 },
      DUAL,
    );
    expect(f.emulator.pbrRoutes(DUAL).map((r) => [r.Weight, r.Priority])).toEqual([[100, 7]]);
  });

  test("listings name each route's tunnel and count the routes (fields of the SDK model)", async () => {
    await write("CreateVpnRouteEntry", { ...A, Weight: 100, PublishVpc: true }, DUAL);
    await write("CreateVpnRouteEntry", { ...B, Weight: 0, PublishVpc: true }, DUAL);
    await write("CreateVpnRouteEntry", { ...A, Weight: 100, PublishVpc: true }, GW);
    const sdk = vpcSdk(f.emulator, "acs3");
    const dual = await sdk.call("DescribeVpnRouteEntries", onGw({}, DUAL));
    const [a, b] = dual.VpnRouteEntries.VpnRouteEntry;
    expect(a.NextHopTunnelId).toMatch(/^tun-[0-9a-f]{20}$/);
    expect(b.NextHopTunnelId).not.toBe(a.NextHopTunnelId);
    expect(dual.VpnRouteCounts.VpnRouteCount).toEqual([
      { RouteEntryType: "custom", Source: "CLOUD", RouteCount: 2 },
    ]);
    const single = await sdk.call("DescribeVpnRouteEntries", onGw({}, GW));
    expect(single.VpnRouteEntries.VpnRouteEntry[0]).not.toHaveProperty("NextHopTunnelId");
    expect(single).not.toHaveProperty("VpnRouteCounts");
  });

  test("is a gateway option and a seed-file field; an Enhanced.SiteToSite gateway needs it", () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-seed-"));
    try {
      const seed = join(dir, "seed.json");
      const gateway = { vpnGatewayId: DUAL, regionId: REGION, disasterRecoveryVSwitchId: DR_VSWITCH };
      writeFileSync(seed, JSON.stringify({ gateways: [gateway] }));
      expect(optionsFromArgs(["--seed", seed])).toMatchObject({ gateways: [gateway] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() =>
      f.emulator.addGateway({
        vpnGatewayId: "vpn-enh",
        regionId: REGION,
        gatewayType: "Enhanced.SiteToSite",
      }),
    ).toThrow("needs disasterRecoveryVSwitchId");
  });
});

describe("ModifyVpnPbrRouteEntryAttribute", () => {
  const route = { ...PBR, NextHop: "vco-a" };
  beforeEach(() =>
    write("CreateVpnPbrRouteEntry", { ...route, Weight: 100, PublishVpc: false, Priority: 5 }),
  );
  const priorities = () => f.emulator.pbrRoutes(GW).map((r) => [r.NextHop, r.Weight, r.Priority]);

  test("changes weight and priority in one write (through the official SDK's request model)", async () => {
    const sdk = vpcSdk(f.emulator, "acs3");
    await sdk.call(
      "ModifyVpnPbrRouteEntryAttribute",
      onGw({ ...route, Weight: 100, Priority: 5, NewWeight: 0, NewPriority: 20 }),
    );
    expect(priorities()).toEqual([["vco-a", 0, 20]]);
    expect(f.emulator.requestLog().filter((e) => e.action.startsWith("Modify"))).toHaveLength(1);
  });

  test("needs the current Weight and Priority and one of NewWeight / NewPriority; one active per source and destination", async () => {
    const call = (params: Record<string, unknown>) =>
      failure(api.call("ModifyVpnPbrRouteEntryAttribute", onGw({ ...route, ...params })));
    expect(await call({ Weight: 100, NewPriority: 1 })).toMatchObject({ code: "MissingParameter" });
    expect(await call({ Weight: 100, Priority: 5 })).toMatchObject({
      code: "MissingParameter",
      message: expect.stringContaining('"NewWeight" or "NewPriority"'),
    });
    expect(await call({ Weight: 0, Priority: 5, NewPriority: 1 })).toMatchObject({
      code: "InvalidParameter.Weight",
    });
    expect(await call({ Weight: 100, Priority: 6, NewPriority: 1 })).toMatchObject({
      code: "InvalidParameter.Priority",
    });
    await write("CreateVpnPbrRouteEntry", { ...PBR, NextHop: "vco-b", Weight: 0, PublishVpc: false });
    expect(
      await failure(
        api.call(
          "ModifyVpnPbrRouteEntryAttribute",
          onGw({ ...PBR, NextHop: "vco-b", Weight: 0, Priority: 10, NewWeight: 100 }),
        ),
      ),
    ).toMatchObject({ code: "VpnRouteEntry.ActiveRouteConflict" });
    expect(priorities()).toEqual([
      ["vco-a", 100, 5],
      ["vco-b", 0, 10],
    ]);
  });
});
