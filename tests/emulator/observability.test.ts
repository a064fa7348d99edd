/** What tests and benchmarks read and change from outside: counts, request log, drift, reset, defaults. */
import { DEFAULT_GATEWAYS, startEmulator } from "../../emulator";
import { failure, popCore } from "./helpers/drivers";
import { type Fixture, fixture, GW, GW2, onGw, REGION } from "./helpers/fixture";

const ROUTE = { RouteDest: "10.0.0.0/24", NextHop: "vco-a", Weight: 100, PublishVpc: true };
const PBR = { ...ROUTE, RouteSource: "192.168.0.0/16" };

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});
afterEach(() => f.emulator.stop());

test("counts every attempt per action, rejected ones included; the log keeps action, params, status, code, time", async () => {
  const api = popCore(f.emulator);
  await api.call("CreateVpnRouteEntry", onGw(ROUTE));
  await failure(api.call("CreateVpnRouteEntry", onGw(ROUTE)));
  await failure(
    popCore(f.emulator, "GET", { accessKeyId: "LTAInobody", accessKeySecret: "x" }).call(
      "DescribeVpnGateway",
      onGw(),
    ),
  );
  await failure(api.call("NoSuchAction", {}));
  expect(f.emulator.counts()).toEqual({ CreateVpnRouteEntry: 2, DescribeVpnGateway: 1, NoSuchAction: 1 });
  const log = f.emulator.requestLog();
  expect(log.map((e) => [e.action, e.status, e.code])).toEqual([
    ["CreateVpnRouteEntry", 200, undefined],
    ["CreateVpnRouteEntry", 400, "VpnGateway.Configuring"],
    ["DescribeVpnGateway", 404, "InvalidAccessKeyId.NotFound"],
    ["NoSuchAction", 404, "InvalidAction.NotFound"],
  ]);
  expect(log[0]).toMatchObject({
    time: f.clock.now(),
    params: { RouteDest: "10.0.0.0/24", Weight: "100" },
    scheme: "rpc",
  });
  expect(log[0].params).not.toHaveProperty("Signature");
  f.emulator.clearLog();
  expect([f.emulator.requestLog(), f.emulator.counts()]).toEqual([[], {}]);
});

test("drift: out-of-band changes show through the API", async () => {
  const api = popCore(f.emulator);
  await api.call("CreateVpnRouteEntry", onGw(ROUTE));
  f.settle();
  await api.call("CreateVpnPbrRouteEntry", onGw(PBR));
  const key = { routeDest: "10.0.0.0/24", nextHop: "vco-a" };
  const pbrKey = { ...key, routeSource: "192.168.0.0/16" };

  f.emulator.drift.setWeight(GW, key, 0);
  f.emulator.drift.setPublished(GW, key, false);
  f.emulator.drift.setPriority(GW, pbrKey, 77);
  const dbr = (await api.call("DescribeVpnRouteEntries", onGw())).VpnRouteEntries.VpnRouteEntry;
  expect(dbr).toMatchObject([{ Weight: 0, State: "normal" }]);
  expect(
    (await api.call("DescribeVpnPbrRouteEntries", onGw())).VpnPbrRouteEntries.VpnPbrRouteEntry,
  ).toMatchObject([{ Priority: 77 }]);

  f.emulator.drift.deleteRoute(GW, pbrKey);
  expect((await api.call("DescribeVpnPbrRouteEntries", onGw())).TotalCount).toBe(0);
  expect(f.emulator.routes(GW)).toHaveLength(1);

  f.emulator.drift.setBusinessStatus(GW, "FinancialLocked");
  f.emulator.drift.setGatewayStatus(GW2, "deleting");
  expect((await api.call("DescribeVpnGateway", onGw())).BusinessStatus).toBe("FinancialLocked");
  expect((await api.call("DescribeVpnGateway", onGw({}, GW2))).Status).toBe("deleting");
  expect(await failure(api.call("CreateVpnRouteEntry", onGw(ROUTE, GW2)))).toMatchObject({
    code: "VpnGateway.Configuring",
  });

  f.emulator.drift.deleteGateway(GW);
  expect(await failure(api.call("DescribeVpnRouteEntries", onGw()))).toMatchObject({
    code: "InvalidVpnGatewayInstanceId.NotFound",
  });
  expect(() => f.emulator.drift.deleteRoute(GW2, key)).toThrow(/no route/);
});

test("addGateway serves a new gateway; reset() returns to the configured gateways with empty tables", async () => {
  const api = popCore(f.emulator);
  f.emulator.addGateway({ vpnGatewayId: "vpn-added", regionId: REGION, vpcId: "vpc-x" });
  expect(() => f.emulator.addGateway({ vpnGatewayId: GW, regionId: REGION })).toThrow(/exists/);
  await api.call("CreateVpnRouteEntry", onGw({ ...ROUTE, ClientToken: "t0" }, "vpn-added"));
  expect((await api.call("DescribeVpnGateway", onGw({}, "vpn-added"))).VpcId).toBe("vpc-x");
  await api.call("CreateVpnRouteEntry", onGw({ ...ROUTE, ClientToken: "t" }));
  f.emulator.drift.deleteGateway(GW2);

  f.emulator.reset();
  expect(f.emulator.gateway("vpn-added")).toBeUndefined();
  expect(f.emulator.gateway(GW2)).toMatchObject({ Status: "active" });
  expect([f.emulator.routes(GW), f.emulator.counts()]).toEqual([[], {}]);
  // The remembered token is gone too: the same token creates afresh.
  await api.call("CreateVpnRouteEntry", onGw({ ...ROUTE, ClientToken: "t" }));
  expect(f.emulator.routes(GW)).toHaveLength(1);
});

test("with no options: one generated key, two default gateways, an ephemeral port on 127.0.0.1", async () => {
  const e = await startEmulator();
  try {
    expect(e.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(e.port).toBeGreaterThan(0);
    expect(e.credentials.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(e.credentials.accessKeySecret).toHaveLength(30);
    const api = popCore(e);
    for (const g of DEFAULT_GATEWAYS) {
      expect(
        (await api.call("DescribeVpnGateway", { RegionId: g.regionId, VpnGatewayId: g.vpnGatewayId })).Status,
      ).toBe("active");
    }
  } finally {
    await e.stop();
  }
});

test("a pinned seed repeats generated keys and request IDs", async () => {
  const [a, b] = await Promise.all([startEmulator({ seed: 3 }), startEmulator({ seed: 3 })]);
  try {
    expect(a.credentials).toEqual(b.credentials);
    const ids = async (e: typeof a) =>
      (
        await popCore(e).call("DescribeVpnGateway", {
          RegionId: REGION,
          VpnGatewayId: DEFAULT_GATEWAYS[0].vpnGatewayId,
        })
      ).RequestId;
    expect(await ids(a)).toBe(await ids(b));
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});
