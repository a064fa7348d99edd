/** The API's behaviour on writes: asynchrony, idempotency, validation, business rules, ownership. */
import { type Driver, failure, popCore, vpcSdk } from "./helpers/drivers";
import { DELAY_MS, type Fixture, fixture, GW, GW2, onGw, REGION } from "./helpers/fixture";

const ROUTE = { RouteDest: "10.0.0.0/24", NextHop: "vco-a", Weight: 100, PublishVpc: true };
const PBR = {
  RouteSource: "192.168.1.0/24",
  RouteDest: "10.0.0.0/24",
  NextHop: "vco-a",
  Weight: 100,
  PublishVpc: true,
};

let f: Fixture;
let api: Driver;
beforeEach(async () => {
  f = await fixture({
    credentials: [
      { accessKeyId: "LTAImain", accessKeySecret: "main-secret", accountId: "111" },
      { accessKeyId: "LTAIother", accessKeySecret: "other-secret", accountId: "222" },
    ],
    gateways: [
      { vpnGatewayId: GW, regionId: REGION },
      { vpnGatewayId: GW2, regionId: REGION },
      { vpnGatewayId: "vpn-small", regionId: REGION, routeQuota: 2 },
      { vpnGatewayId: "vpn-locked", regionId: REGION, businessStatus: "FinancialLocked" },
      { vpnGatewayId: "vpn-theirs", regionId: REGION, accountId: "222" },
      { vpnGatewayId: "vpn-shanghai", regionId: "cn-shanghai" },
    ],
  });
  api = popCore(f.emulator);
});
afterEach(() => f.emulator.stop());

const create = (params: Record<string, unknown> = {}, gw = GW) =>
  api.call("CreateVpnRouteEntry", onGw({ ...ROUTE, ...params }, gw));
const status = async (gw = GW) => (await api.call("DescribeVpnGateway", onGw({}, gw))).Status;

describe("a write puts its gateway into updating for configDelayMs", () => {
  test("the gateway shows updating, refuses writes with VpnGateway.Configuring, then turns active", async () => {
    await create();
    expect(await status()).toBe("updating");
    const busy = await failure(create({ RouteDest: "10.0.1.0/24", Weight: 0 }));
    expect(busy).toMatchObject({ code: "VpnGateway.Configuring", status: 400 });
    expect(await status(GW2)).toBe("active");
    f.clock.advance(DELAY_MS - 1);
    expect(await status()).toBe("updating");
    f.clock.advance(1);
    expect(await status()).toBe("active");
    await create({ RouteDest: "10.0.1.0/24", Weight: 0 });
    expect(f.emulator.routes(GW)).toHaveLength(2);
  });

  test("reads are served while the gateway is updating; a refused write does not make it busy", async () => {
    await create();
    expect((await api.call("DescribeVpnRouteEntries", onGw())).TotalCount).toBe(1);
    f.settle();
    await failure(create());
    expect(await status()).toBe("active");
  });

  test("of many concurrent writes to one gateway exactly one wins; other gateways are independent", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => create({ RouteDest: `10.9.${i}.0/24`, Weight: 0 })),
    );
    const refused = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r as PromiseRejectedResult).reason.code);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toEqual(Array(9).fill("VpnGateway.Configuring"));
    expect(f.emulator.routes(GW)).toHaveLength(1);
    await Promise.all([create({}, GW2), api.call("CreateVpnPbrRouteEntry", onGw(PBR, "vpn-small"))]);
  });
});

describe("ClientToken", () => {
  test("same token and parameters return the original result, change nothing, even while updating", async () => {
    const first = await create({ ClientToken: "tok-1" });
    f.clock.advance(1);
    expect(await status()).toBe("updating");
    const again = await create({ ClientToken: "tok-1" });
    expect({ ...again, RequestId: "" }).toEqual({ ...first, RequestId: "" });
    expect(again.RequestId).not.toBe(first.RequestId);
    expect(f.emulator.routes(GW)).toHaveLength(1);
    expect(f.emulator.gateway(GW)!.BusyUntil).toBe(first.CreateTime + DELAY_MS);
  });

  test("the same token with different parameters is IdempotentParameterMismatch", async () => {
    await create({ ClientToken: "tok-2" });
    f.settle();
    expect(await failure(create({ ClientToken: "tok-2", RouteDest: "10.0.5.0/24" }))).toMatchObject({
      code: "IdempotentParameterMismatch",
      status: 400,
    });
    expect(f.emulator.routes(GW)).toHaveLength(1);
  });

  test("a token is remembered per action; a refused write does not consume it; no token, no idempotency", async () => {
    await expect(failure(create({ ClientToken: "tok-3", Weight: 7 }))).resolves.toMatchObject({
      code: "InvalidParameter",
    });
    await create({ ClientToken: "tok-3" });
    f.settle();
    await api.call(
      "DeleteVpnRouteEntry",
      onGw({ RouteDest: "10.0.0.0/24", NextHop: "vco-a", Weight: 100, ClientToken: "tok-3" }),
    );
    f.settle();
    expect(f.emulator.routes(GW)).toHaveLength(0);
    await create();
    f.settle();
    expect(await failure(create())).toMatchObject({ code: "VpnRouteEntry.AlreadyExists" });
  });

  test("tokens work the same through the ACS3 client", async () => {
    const acs3 = vpcSdk(f.emulator);
    const first = await acs3.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, ClientToken: "tok-4" }));
    const again = await acs3.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, ClientToken: "tok-4" }));
    expect(again.CreateTime).toBe(first.CreateTime);
    expect(f.emulator.pbrRoutes(GW)).toHaveLength(1);
  });
});

test("DryRun validates, reports DryRunOperation, and changes nothing", async () => {
  expect(await failure(create({ DryRun: true }))).toMatchObject({ code: "DryRunOperation" });
  expect(f.emulator.routes(GW)).toHaveLength(0);
  expect(await status()).toBe("active");
  await create();
  f.settle();
  expect(await failure(create({ DryRun: true }))).toMatchObject({ code: "VpnRouteEntry.AlreadyExists" });
});

describe("gateways", () => {
  test("an unknown gateway, or one in another region, is InvalidVpnGatewayInstanceId.NotFound (404)", async () => {
    expect(await failure(create({}, "vpn-nope"))).toMatchObject({
      code: "InvalidVpnGatewayInstanceId.NotFound",
      status: 404,
    });
    expect(
      await failure(api.call("DescribeVpnRouteEntries", { RegionId: REGION, VpnGatewayId: "vpn-shanghai" })),
    ).toMatchObject({
      code: "InvalidVpnGatewayInstanceId.NotFound",
    });
    expect(
      (await api.call("DescribeVpnGateway", { RegionId: "cn-shanghai", VpnGatewayId: "vpn-shanghai" }))
        .Status,
    ).toBe("active");
  });

  test("another account's gateway is Forbidden (403), for reads and writes", async () => {
    expect(await failure(create({}, "vpn-theirs"))).toMatchObject({ code: "Forbidden", status: 403 });
    expect(await failure(api.call("DescribeVpnPbrRouteEntries", onGw({}, "vpn-theirs")))).toMatchObject({
      code: "Forbidden",
    });
    const theirs = popCore(f.emulator, "POST", { accessKeyId: "LTAIother", accessKeySecret: "other-secret" });
    await theirs.call("CreateVpnRouteEntry", onGw(ROUTE, "vpn-theirs"));
    expect(await failure(theirs.call("DescribeVpnGateway", onGw()))).toMatchObject({ code: "Forbidden" });
  });

  test("a FinancialLocked gateway refuses writes with VpnGateway.FinancialLocked, still answers reads", async () => {
    expect(await failure(create({}, "vpn-locked"))).toMatchObject({
      code: "VpnGateway.FinancialLocked",
      status: 400,
    });
    expect((await api.call("DescribeVpnGateway", onGw({}, "vpn-locked"))).BusinessStatus).toBe(
      "FinancialLocked",
    );
    expect((await api.call("DescribeVpnRouteEntries", onGw({}, "vpn-locked"))).TotalCount).toBe(0);
  });

  test("the route quota per table gives Resource.QuotaFull", async () => {
    for (const dest of ["10.0.1.0/24", "10.0.2.0/24"]) {
      await create({ RouteDest: dest }, "vpn-small");
      f.settle();
    }
    expect(await failure(create({ RouteDest: "10.0.3.0/24" }, "vpn-small"))).toMatchObject({
      code: "Resource.QuotaFull",
      status: 400,
    });
    await api.call("CreateVpnPbrRouteEntry", onGw(PBR, "vpn-small"));
  });
});

describe("parameters", () => {
  test.each([
    ["RouteDest", { RouteDest: undefined }],
    ["NextHop", { NextHop: undefined }],
    ["Weight", { Weight: undefined }],
    ["PublishVpc", { PublishVpc: undefined }],
  ])("a missing %s is MissingParameter naming it", async (name, change) => {
    const params: Record<string, unknown> = { ...ROUTE, ...change };
    for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
    const err = await failure(api.call("CreateVpnRouteEntry", onGw(params)));
    expect([err.code, err.status]).toEqual(["MissingParameter", 400]);
    expect(err.message).toContain(`"${name}"`);
  });

  test("RegionId and VpnGatewayId are required", async () => {
    expect((await failure(api.call("DescribeVpnGateway", { VpnGatewayId: GW }))).message).toContain(
      '"RegionId"',
    );
    expect((await failure(api.call("DescribeVpnRouteEntries", { RegionId: REGION }))).message).toContain(
      '"VpnGatewayId"',
    );
  });

  test.each([
    ["RouteDest", { RouteDest: "0.0.0.0/0" }],
    ["RouteDest", { RouteDest: "::/0" }],
    ["RouteDest", { RouteDest: "100.64.1.0/24" }],
    ["RouteDest", { RouteDest: "100.0.0.0/8" }],
    ["RouteDest", { RouteDest: "10.0.0.0" }],
    ["RouteDest", { RouteDest: "10.0.0.0/33" }],
    ["RouteDest", { RouteDest: "010.0.0.0/8" }],
    ["Weight", { Weight: 50 }],
    ["Weight", { Weight: "1e2" }],
    ["PublishVpc", { PublishVpc: "yes" }],
    ["Description", { Description: "https://example" }],
    ["Description", { Description: "x".repeat(101) }],
    ["OverlayMode", { OverlayMode: "Gre" }],
    ["ClientToken", { ClientToken: "t".repeat(65) }],
  ])("an invalid %s (%j) is InvalidParameter naming it", async (name, change) => {
    const err = await failure(create(change));
    expect([err.code, err.status]).toEqual(["InvalidParameter", 400]);
    expect(err.message).toContain(`"${name}"`);
  });

  test.each([0, 101, "x"])("a policy route priority of %p is InvalidParameter", async (priority) => {
    const err = await failure(api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, Priority: priority })));
    expect([err.code, err.message.includes('"Priority"')]).toEqual(["InvalidParameter", true]);
  });

  test("source and destination of a policy route must be of one IP family", async () => {
    const err = await failure(
      api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, RouteSource: "2001:db8::/32" })),
    );
    expect([err.code, err.message.includes('"RouteSource"')]).toEqual(["InvalidParameter", true]);
  });

  test("CIDRs are normalised (host bits, IPv6 case and zeros); IPv6 destinations are accepted", async () => {
    expect((await create({ RouteDest: "10.0.0.77/24" })).RouteDest).toBe("10.0.0.0/24");
    f.settle();
    expect((await create({ RouteDest: "2001:DB8:0:0::1/64", NextHop: "vco-6" })).RouteDest).toBe(
      "2001:db8::/64",
    );
    f.settle();
    await api.call(
      "DeleteVpnRouteEntry",
      onGw({ RouteDest: "2001:db8:0::/64", NextHop: "vco-6", Weight: 100 }),
    );
    expect(f.emulator.routes(GW).map((r) => r.RouteDest)).toEqual(["10.0.0.0/24"]);
  });

  test("paging: PageSize above 50 is refused; a page past the end is empty with the total", async () => {
    expect(await failure(api.call("DescribeVpnRouteEntries", onGw({ PageSize: 51 })))).toMatchObject({
      code: "InvalidParameter",
    });
    expect(await failure(api.call("DescribeVpnPbrRouteEntries", onGw({ PageNumber: 0 })))).toMatchObject({
      code: "InvalidParameter",
    });
    await create();
    const past = await api.call("DescribeVpnRouteEntries", onGw({ PageNumber: 3, PageSize: 50 }));
    expect([past.TotalCount, past.VpnRouteEntries.VpnRouteEntry]).toEqual([1, []]);
    expect((await api.call("DescribeVpnRouteEntries", onGw({ RouteEntryType: "bgp" }))).TotalCount).toBe(0);
  });

  test("a BGP-learned route is listed only with RouteEntryType=bgp, and no delete reaches it", async () => {
    f.emulator.drift.learnBgpRoute(GW, { routeDest: "10.9.0.0/16", nextHop: "vco-bgp0000000000000001" });
    const bgp = await api.call("DescribeVpnRouteEntries", onGw({ RouteEntryType: "bgp" }));
    expect(bgp.VpnRouteEntries.VpnRouteEntry).toMatchObject([
      { RouteDest: "10.9.0.0/16", RouteEntryType: "bgp", Source: "VPN_BGP" },
    ]);
    expect((await api.call("DescribeVpnRouteEntries", onGw({}))).TotalCount).toBe(0);
    const attempt = api.call(
      "DeleteVpnRouteEntry",
      onGw({ RouteDest: "10.9.0.0/16", NextHop: "vco-bgp0000000000000001", Weight: 100 }),
    );
    expect(await failure(attempt)).toMatchObject({ code: "InvalidRouteEntry.NotFound" });
  });
});

describe("route rules", () => {
  beforeEach(async () => {
    await create();
    f.settle();
  });

  test("a duplicate route is VpnRouteEntry.AlreadyExists, whatever its weight", async () => {
    expect(await failure(create({ Weight: 0 }))).toMatchObject({
      code: "VpnRouteEntry.AlreadyExists",
      status: 400,
    });
  });

  test("deleting or modifying a missing route is InvalidRouteEntry.NotFound", async () => {
    const missing = { RouteDest: "10.7.0.0/24", NextHop: "vco-a", Weight: 100 };
    expect(await failure(api.call("DeleteVpnRouteEntry", onGw(missing)))).toMatchObject({
      code: "InvalidRouteEntry.NotFound",
    });
    expect(
      await failure(api.call("ModifyVpnRouteEntryWeight", onGw({ ...missing, NewWeight: 0 }))),
    ).toMatchObject({
      code: "InvalidRouteEntry.NotFound",
    });
    expect(
      await failure(
        api.call(
          "PublishVpnRouteEntry",
          onGw({ ...missing, Weight: undefined, RouteType: "pbr", PublishVpc: true }),
        ),
      ),
    ).toMatchObject({
      code: "InvalidRouteEntry.NotFound",
    });
  });

  test("delete or modify with a weight other than the current one is InvalidParameter.Weight", async () => {
    const wrong = { RouteDest: "10.0.0.0/24", NextHop: "vco-a", Weight: 0 };
    expect(await failure(api.call("DeleteVpnRouteEntry", onGw(wrong)))).toMatchObject({
      code: "InvalidParameter.Weight",
    });
    expect(
      await failure(api.call("ModifyVpnRouteEntryWeight", onGw({ ...wrong, NewWeight: 100 }))),
    ).toMatchObject({
      code: "InvalidParameter.Weight",
    });
    expect(f.emulator.routes(GW)).toHaveLength(1);
  });

  test("active/standby is allowed; a second weight-100 entry for one destination is refused", async () => {
    await create({ NextHop: "vco-b", Weight: 0 });
    f.settle();
    expect(await failure(create({ NextHop: "vco-c" }))).toMatchObject({
      code: "VpnRouteEntry.ActiveRouteConflict",
    });
    // Weight changes beside a sibling: tests/emulator/activeStandby.test.ts.
    await api.call("DeleteVpnRouteEntry", onGw({ RouteDest: "10.0.0.0/24", NextHop: "vco-a", Weight: 100 }));
    f.settle();
    await create({ NextHop: "vco-c" });
    expect(f.emulator.routes(GW).map((r) => [r.NextHop, r.Weight])).toEqual([
      ["vco-b", 0],
      ["vco-c", 100],
    ]);
  });

  test("policy routes: the same rules per source and destination; Priority must match when sent", async () => {
    await api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, Priority: 5 }));
    f.settle();
    await api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, RouteSource: "192.168.2.0/24" }));
    f.settle();
    expect(
      await failure(api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, NextHop: "vco-z" }))),
    ).toMatchObject({
      code: "VpnRouteEntry.ActiveRouteConflict",
    });
    expect(await failure(api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, Weight: 0 })))).toMatchObject({
      code: "VpnRouteEntry.AlreadyExists",
    });
    const key = { RouteSource: PBR.RouteSource, RouteDest: PBR.RouteDest, NextHop: PBR.NextHop };
    expect(
      await failure(api.call("DeleteVpnPbrRouteEntry", onGw({ ...key, Weight: 100, Priority: 6 }))),
    ).toMatchObject({
      code: "InvalidParameter.Priority",
    });
    expect(
      await failure(api.call("ModifyVpnPbrRouteEntryPriority", onGw({ ...key, Weight: 0, NewPriority: 1 }))),
    ).toMatchObject({
      code: "InvalidParameter.Weight",
    });
    expect(
      await failure(api.call("ModifyVpnPbrRouteEntryPriority", onGw({ ...key, Weight: 100 }))),
    ).toMatchObject({ code: "MissingParameter" });
    await api.call("DeleteVpnPbrRouteEntry", onGw({ ...key, Weight: 100, Priority: 5 }));
    expect(f.emulator.pbrRoutes(GW).map((r) => r.RouteSource)).toEqual(["192.168.2.0/24"]);
  });

  test("publish/withdraw: RouteType picks the table; withdrawing withdraws the destination from both", async () => {
    await api.call("CreateVpnPbrRouteEntry", onGw(PBR));
    f.settle();
    await api.call("CreateVpnPbrRouteEntry", onGw({ ...PBR, RouteSource: "192.168.9.0/24" }));
    f.settle();
    const target = { RouteDest: "10.0.0.0/24", NextHop: "vco-a" };
    const states = () => [...f.emulator.routes(GW), ...f.emulator.pbrRoutes(GW)].map((r) => r.State);

    await api.call("PublishVpnRouteEntry", onGw({ ...target, RouteType: "dbr", PublishVpc: false }));
    f.settle();
    expect(states()).toEqual(["normal", "normal", "normal"]);
    await api.call("PublishVpnRouteEntry", onGw({ ...target, RouteType: "PBR", PublishVpc: true }));
    f.settle();
    expect(states()).toEqual(["normal", "published", "published"]);
    await api.call("PublishVpnRouteEntry", onGw({ ...target, RouteType: "dbr", PublishVpc: true }));
    f.settle();
    expect(states()).toEqual(["published", "published", "published"]);
    await api.call("PublishVpnRouteEntry", onGw({ ...target, RouteType: "pbr", PublishVpc: false }));
    expect(states()).toEqual(["normal", "normal", "normal"]);
    expect((await api.call("DescribeVpnRouteEntries", onGw())).VpnRouteEntries.VpnRouteEntry[0].State).toBe(
      "normal",
    );
  });
});
