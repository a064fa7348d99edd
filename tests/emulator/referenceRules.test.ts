/**
 * Rules the emulator takes from Alibaba's API reference (issue 16): DryRun only where listed, next hops that
 * are the gateway's IPsec connections, an active/standby pair per destination, withdrawal keyed on the
 * destination, the busy codes besides VpnGateway.Configuring, a configurable route quota, and the choices
 * where the reference is unclear. Each test names the CHOICES.md row it stands for.
 */
import { startEmulator } from "../../emulator";
import { optionsFromArgs } from "../../emulator/cli";
import { DEFAULT_GATEWAYS, DEFAULT_VPN_CONNECTIONS } from "../../emulator/gateways";
import { VpcClient } from "../../provider/api/client";
import { type Driver, failure, popCore } from "./helpers/drivers";
import { type Fixture, fixture, GW, onGw, REGION } from "./helpers/fixture";

const A = "vco-a";
const B = "vco-b";
const C = "vco-c";
const DEST = "10.0.0.0/24";
const PBR_KEY = { RouteSource: "192.168.1.0/24", RouteDest: DEST };
const BUSY_CODES = ["TaskConflict", "Appliance.Configuring", "VpnTask.CONFLICT", "VpnConnection.Configuring"];

let f: Fixture;
let api: Driver;
beforeEach(async () => {
  f = await fixture({
    gateways: [
      { vpnGatewayId: GW, regionId: REGION, vpnConnections: [A, B, C] },
      { vpnGatewayId: "vpn-unlisted", regionId: REGION },
    ],
  });
  api = popCore(f.emulator);
});
afterEach(() => f.emulator.stop());

const createDbr = (params: Record<string, unknown> = {}, gw = GW) =>
  api.call(
    "CreateVpnRouteEntry",
    onGw({ RouteDest: DEST, NextHop: A, Weight: 100, PublishVpc: true, ...params }, gw),
  );
const createPbr = (params: Record<string, unknown> = {}) =>
  api.call(
    "CreateVpnPbrRouteEntry",
    onGw({ ...PBR_KEY, NextHop: A, Weight: 100, PublishVpc: true, ...params }),
  );
const status = async () => (await api.call("DescribeVpnGateway", onGw())).Status;

describe("DryRun is honoured only where the reference lists it", () => {
  test("the Create actions validate and report DryRunOperation", async () => {
    expect(await failure(createDbr({ DryRun: true }))).toMatchObject({ code: "DryRunOperation" });
    expect(await failure(createPbr({ DryRun: true }))).toMatchObject({ code: "DryRunOperation" });
    expect(f.emulator.routes(GW)).toHaveLength(0);
  });

  test("Delete, Modify and Publish ignore it as an unknown parameter and do the work", async () => {
    await createDbr();
    f.settle();
    await api.call(
      "PublishVpnRouteEntry",
      onGw({ RouteDest: DEST, NextHop: A, RouteType: "dbr", PublishVpc: false, DryRun: true }),
    );
    expect(f.emulator.routes(GW)[0].State).toBe("normal");
    f.settle();
    await api.call(
      "ModifyVpnRouteEntryWeight",
      onGw({ RouteDest: DEST, NextHop: A, Weight: 100, NewWeight: 0, DryRun: true }),
    );
    expect(f.emulator.routes(GW)[0].Weight).toBe(0);
    f.settle();
    await api.call("DeleteVpnRouteEntry", onGw({ RouteDest: DEST, NextHop: A, Weight: 0, DryRun: true }));
    expect(f.emulator.routes(GW)).toHaveLength(0);
  });
});

describe("a next hop is an IPsec connection of the gateway", () => {
  test("a connection the gateway does not have is InvalidNextHop.NotFound naming it, in both tables", async () => {
    const dbr = await failure(createDbr({ NextHop: "vco-elsewhere" }));
    expect(dbr).toMatchObject({ code: "InvalidNextHop.NotFound", status: 400 });
    expect(dbr.message).toContain(`"vco-elsewhere" is not an IPsec connection of VPN gateway ${GW}`);
    expect(await failure(createPbr({ NextHop: "vco-elsewhere" }))).toMatchObject({
      code: "InvalidNextHop.NotFound",
    });
    // A dry run reports it too: the check is among the table checks.
    expect(await failure(createDbr({ NextHop: "vco-elsewhere", DryRun: true }))).toMatchObject({
      code: "InvalidNextHop.NotFound",
    });
    await createDbr({ NextHop: C });
    expect(f.emulator.routes(GW).map((r) => r.NextHop)).toEqual([C]);
  });

  test("a gateway without a connection list takes any vco- ID, and nothing else", async () => {
    expect(await failure(createDbr({ NextHop: "not-a-connection" }, "vpn-unlisted"))).toMatchObject({
      code: "InvalidNextHop.NotFound",
    });
    await createDbr({ NextHop: "vco-anything0001" }, "vpn-unlisted");
    expect(f.emulator.routes("vpn-unlisted")).toHaveLength(1);
  });

  test("the default gateways have their default connections, and only those", async () => {
    expect(DEFAULT_GATEWAYS.every((g) => g.vpnConnections?.length === 2)).toBe(true);
    const bare = await startEmulator({ seed: 1 });
    try {
      const driver = popCore(bare);
      const gw = DEFAULT_GATEWAYS[0].vpnGatewayId;
      const params = { RegionId: REGION, VpnGatewayId: gw, RouteDest: DEST, Weight: 100, PublishVpc: true };
      expect(
        await failure(driver.call("CreateVpnRouteEntry", { ...params, NextHop: "vco-unknown0001" })),
      ).toMatchObject({ code: "InvalidNextHop.NotFound" });
      await driver.call("CreateVpnRouteEntry", { ...params, NextHop: DEFAULT_VPN_CONNECTIONS[0] });
      expect(bare.routes(gw)).toHaveLength(1);
    } finally {
      await bare.stop();
    }
  });
});

describe("active/standby is a pair", () => {
  test("a third destination route for one destination is refused", async () => {
    await createDbr({ NextHop: A, Weight: 100 });
    f.settle();
    await createDbr({ NextHop: B, Weight: 0 });
    f.settle();
    const third = await failure(createDbr({ NextHop: C, Weight: 0 }));
    expect(third).toMatchObject({ code: "VpnRouteEntry.ActiveStandbyPairFull", status: 400 });
    expect(f.emulator.routes(GW)).toHaveLength(2);
    // Another destination is not affected.
    await createDbr({ RouteDest: "10.0.1.0/24", NextHop: C, Weight: 0 });
  });

  test("a third policy route for one source and destination is refused", async () => {
    await createPbr({ NextHop: A, Weight: 100 });
    f.settle();
    await createPbr({ NextHop: B, Weight: 0 });
    f.settle();
    expect(await failure(createPbr({ NextHop: C, Weight: 0 }))).toMatchObject({
      code: "VpnRouteEntry.ActiveStandbyPairFull",
    });
    await createPbr({ RouteSource: "192.168.2.0/24", NextHop: C, Weight: 0 });
  });
});

test("withdrawing a destination withdraws the other table's entries for that destination, whatever their next hop", async () => {
  await createDbr({ NextHop: A });
  f.settle();
  await createPbr({ NextHop: B });
  f.settle();
  await api.call(
    "PublishVpnRouteEntry",
    onGw({ RouteDest: DEST, NextHop: A, RouteType: "dbr", PublishVpc: false }),
  );
  expect(f.emulator.routes(GW)[0].State).toBe("normal");
  expect(f.emulator.pbrRoutes(GW)[0].State).toBe("normal");
  f.settle();
  // Publishing changes only the named table.
  await api.call(
    "PublishVpnRouteEntry",
    onGw({ RouteDest: DEST, NextHop: A, RouteType: "dbr", PublishVpc: true }),
  );
  expect(f.emulator.routes(GW)[0].State).toBe("published");
  expect(f.emulator.pbrRoutes(GW)[0].State).toBe("normal");
});

describe("busy codes besides VpnGateway.Configuring", () => {
  test("busyPct refuses writes (never reads) with the four codes terraform retries, from seeded dice", async () => {
    // 80 writes in a moment: this measures the busy dice, not the rate limit (60 creates per 60 s), so it is off.
    f.emulator.setRateLimits(false);
    f.emulator.setFaults({ busyPct: 100, seed: 7 });
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) codes.push((await failure(createDbr())).code);
    expect(new Set(codes)).toEqual(new Set(BUSY_CODES));
    expect(await status()).toBe("active");
    expect(f.emulator.routes(GW)).toHaveLength(0);
    expect(f.emulator.requestLog().filter((e) => e.fault === "busy")).toHaveLength(40);
    // The same seed repeats the same codes.
    f.emulator.setFaults({ busyPct: 100, seed: 7 });
    const again: string[] = [];
    for (let i = 0; i < 40; i++) again.push((await failure(createDbr())).code);
    expect(again).toEqual(codes);
  });

  test("the client retries them like VpnGateway.Configuring and the write lands once", async () => {
    f.emulator.setFaults({ busyPct: 60, seed: 3 });
    const retried: string[] = [];
    const client = new VpcClient({
      endpoint: f.emulator.endpoint,
      credentials: f.emulator.credentials,
      sleep: async () => undefined,
      onRetry: (e) => retried.push(e.error.code),
    });
    try {
      await client.createVpnRouteEntry({
        RegionId: REGION,
        VpnGatewayId: GW,
        RouteDest: DEST,
        NextHop: A,
        Weight: 100,
        PublishVpc: true,
      });
    } finally {
      client.destroy();
    }
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((code) => BUSY_CODES.includes(code))).toBe(true);
    expect(f.emulator.routes(GW)).toHaveLength(1);
  });
});

describe("route quota", () => {
  test("startEmulator's routeQuota applies to every gateway without its own; the CLI sets it", async () => {
    const small = await fixture({
      routeQuota: 2,
      gateways: [
        { vpnGatewayId: GW, regionId: REGION },
        { vpnGatewayId: "vpn-own", regionId: REGION, routeQuota: 3 },
      ],
    });
    try {
      expect(small.emulator.gateway(GW)?.RouteQuota).toBe(2);
      expect(small.emulator.gateway("vpn-own")?.RouteQuota).toBe(3);
    } finally {
      await small.emulator.stop();
    }
    expect(optionsFromArgs(["--route-quota", "250", "--busy-pct", "5"])).toMatchObject({
      routeQuota: 250,
      faults: { busyPct: 5 },
    });
  });
});

describe("where the reference is unclear (CHOICES.md)", () => {
  test("listings say RouteEntryType custom and Source CLOUD; host bits are cleared; IPv6 is taken", async () => {
    await createDbr({ RouteDest: "10.0.0.7/24" });
    f.settle();
    await createDbr({ RouteDest: "2001:DB8:0::/48", NextHop: B });
    const listed = (await api.call("DescribeVpnRouteEntries", onGw())).VpnRouteEntries.VpnRouteEntry;
    expect(listed.map((e: Record<string, unknown>) => [e.RouteDest, e.RouteEntryType, e.Source])).toEqual([
      ["10.0.0.0/24", "custom", "CLOUD"],
      ["2001:db8::/48", "custom", "CLOUD"],
    ]);
  });

  test("a listing shows a write at once, while the gateway is still updating", async () => {
    await createDbr();
    expect(await status()).toBe("updating");
    expect((await api.call("DescribeVpnRouteEntries", onGw())).TotalCount).toBe(1);
  });

  test("Publish makes the gateway updating like every other write", async () => {
    await createDbr();
    f.settle();
    await api.call(
      "PublishVpnRouteEntry",
      onGw({ RouteDest: DEST, NextHop: A, RouteType: "dbr", PublishVpc: false }),
    );
    expect(await status()).toBe("updating");
  });
});
