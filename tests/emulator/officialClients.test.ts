/**
 * The emulator driven by the official SDKs (independent oracles for signing and wire format): pop-core
 * (HMAC-SHA1, query and form body) and vpc20160428 (ACS3, and its own HMAC-SHA1 path), through the whole
 * life of destination and policy routes.
 */
import type { RunningEmulator } from "../../emulator";
import { type Body, type Driver, popCore, vpcSdk } from "./helpers/drivers";
import { type Fixture, fixture, GW, onGw, REGION } from "./helpers/fixture";

const DRIVERS: [string, (e: RunningEmulator) => Driver, "rpc" | "acs3"][] = [
  ["pop-core GET", (e) => popCore(e, "GET"), "rpc"],
  ["pop-core POST", (e) => popCore(e, "POST"), "rpc"],
  ["vpc20160428 ACS3", (e) => vpcSdk(e, "acs3"), "acs3"],
  ["vpc20160428 HMAC-SHA1", (e) => vpcSdk(e, "v2"), "rpc"],
];
const COUNT = 12;
const dest = (i: number) => `10.1.${i}.0/24`;

async function listAll(
  api: Driver,
  action: string,
  pageSize: number,
): Promise<{ pages: Body[]; entries: Body[] }> {
  const pages: Body[] = [];
  const entries: Body[] = [];
  for (let page = 1; ; page++) {
    const body = await api.call(action, onGw({ PageNumber: page, PageSize: pageSize }));
    pages.push(body);
    const list =
      action === "DescribeVpnRouteEntries"
        ? body.VpnRouteEntries.VpnRouteEntry
        : body.VpnPbrRouteEntries.VpnPbrRouteEntry;
    entries.push(...list);
    if (page * pageSize >= body.TotalCount) return { pages, entries };
  }
}

describe.each(DRIVERS)("%s", (_name, makeDriver, scheme) => {
  let f: Fixture;
  let api: Driver;
  beforeEach(async () => {
    // "vco-*~" is a connection of the gateway, so the encoding test below reaches the handler.
    f = await fixture({
      gateways: [{ vpnGatewayId: GW, regionId: REGION, vpnConnections: ["vco-a", "vco-b", "vco-*~"] }],
    });
    api = makeDriver(f.emulator);
  });
  afterEach(() => f.emulator.stop());

  test("destination routes: create, describe over pages, modify weight, publish and withdraw, delete", async () => {
    const created: Body[] = [];
    for (let i = 0; i < COUNT; i++) {
      const body = await api.call(
        "CreateVpnRouteEntry",
        onGw({
          RouteDest: dest(i),
          NextHop: "vco-a",
          Weight: i % 2 ? 0 : 100,
          PublishVpc: i % 3 !== 0,
          Description: `route ${i}`,
        }),
      );
      created.push(body);
      f.settle();
    }
    expect(created[1]).toEqual({
      RouteDest: dest(1),
      VpnInstanceId: GW,
      OverlayMode: "Ipsec",
      State: "published",
      Weight: 0,
      CreateTime: expect.any(Number),
      NextHop: "vco-a",
      Description: "route 1",
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
    expect(created[0].State).toBe("normal");

    const { pages, entries } = await listAll(api, "DescribeVpnRouteEntries", 5);
    expect(
      pages.map((p) => [p.PageNumber, p.PageSize, p.TotalCount, p.VpnRouteEntries.VpnRouteEntry.length]),
    ).toEqual([
      [1, 5, COUNT, 5],
      [2, 5, COUNT, 5],
      [3, 5, COUNT, 2],
    ]);
    expect(entries.map((e) => e.RouteDest).sort()).toEqual(created.map((c) => c.RouteDest).sort());
    expect(entries[1]).toEqual({
      VpnInstanceId: GW,
      RouteDest: dest(1),
      NextHop: "vco-a",
      Weight: 0,
      State: "published",
      CreateTime: created[1].CreateTime,
      RouteEntryType: "custom",
      Source: "CLOUD",
    });
    const defaults = await api.call("DescribeVpnRouteEntries", onGw());
    expect([defaults.PageNumber, defaults.PageSize, defaults.VpnRouteEntries.VpnRouteEntry.length]).toEqual([
      1, 10, 10,
    ]);

    await api.call(
      "ModifyVpnRouteEntryWeight",
      onGw({ RouteDest: dest(0), NextHop: "vco-a", Weight: 100, NewWeight: 0 }),
    );
    f.settle();
    await api.call(
      "PublishVpnRouteEntry",
      onGw({ RouteDest: dest(0), NextHop: "vco-a", RouteType: "dbr", PublishVpc: true }),
    );
    f.settle();
    expect(f.emulator.routes(GW)[0]).toMatchObject({ Weight: 0, State: "published" });
    await api.call(
      "PublishVpnRouteEntry",
      onGw({ RouteDest: dest(0), NextHop: "vco-a", RouteType: "dbr", PublishVpc: false }),
    );
    f.settle();
    const first = (await api.call("DescribeVpnRouteEntries", onGw({ PageSize: 1 }))).VpnRouteEntries
      .VpnRouteEntry[0];
    expect(first).toMatchObject({ RouteDest: dest(0), Weight: 0, State: "normal" });

    for (const c of created) {
      const weight = c.RouteDest === dest(0) ? 0 : c.Weight;
      await api.call(
        "DeleteVpnRouteEntry",
        onGw({ RouteDest: c.RouteDest, NextHop: "vco-a", Weight: weight }),
      );
      f.settle();
    }
    expect((await api.call("DescribeVpnRouteEntries", onGw())).TotalCount).toBe(0);
  });

  test("policy routes: create, describe over pages, modify weight and priority, publish and withdraw, delete", async () => {
    for (let i = 0; i < COUNT; i++) {
      const body = await api.call(
        "CreateVpnPbrRouteEntry",
        onGw({
          RouteSource: "192.168.0.0/16",
          RouteDest: dest(i),
          NextHop: "vco-b",
          Weight: 100,
          PublishVpc: true,
          ...(i ? { Priority: i } : {}),
        }),
      );
      expect(body).toMatchObject({
        RouteSource: "192.168.0.0/16",
        RouteDest: dest(i),
        Priority: i || 10,
        State: "published",
        Weight: 100,
      });
      f.settle();
    }
    const { pages, entries } = await listAll(api, "DescribeVpnPbrRouteEntries", 5);
    expect(pages.map((p) => p.VpnPbrRouteEntries.VpnPbrRouteEntry.length)).toEqual([5, 5, 2]);
    expect(entries.map((e) => e.RouteDest).sort()).toEqual(
      Array.from({ length: COUNT }, (_, i) => dest(i)).sort(),
    );
    expect(entries[0]).toEqual({
      VpnInstanceId: GW,
      RouteSource: "192.168.0.0/16",
      RouteDest: dest(0),
      NextHop: "vco-b",
      Weight: 100,
      Priority: 10,
      State: "published",
      CreateTime: expect.any(Number),
    });

    const key = { RouteSource: "192.168.0.0/16", RouteDest: dest(3), NextHop: "vco-b" };
    await api.call("ModifyVpnPbrRouteEntryWeight", onGw({ ...key, Weight: 100, NewWeight: 0, Priority: 3 }));
    f.settle();
    await api.call(
      "ModifyVpnPbrRouteEntryPriority",
      onGw({ ...key, Weight: 0, Priority: 3, NewPriority: 42 }),
    );
    f.settle();
    await api.call(
      "PublishVpnRouteEntry",
      onGw({ RouteDest: dest(3), NextHop: "vco-b", RouteType: "pbr", PublishVpc: false }),
    );
    f.settle();
    const after = (await listAll(api, "DescribeVpnPbrRouteEntries", 50)).entries.find(
      (e) => e.RouteDest === dest(3),
    );
    expect(after).toMatchObject({ Weight: 0, Priority: 42, State: "normal" });
    await api.call(
      "PublishVpnRouteEntry",
      onGw({ RouteDest: dest(3), NextHop: "vco-b", RouteType: "pbr", PublishVpc: true }),
    );
    f.settle();
    expect(f.emulator.pbrRoutes(GW)[3]).toMatchObject({ State: "published" });

    for (const e of f.emulator.pbrRoutes(GW)) {
      await api.call(
        "DeleteVpnPbrRouteEntry",
        onGw({ RouteSource: e.RouteSource, RouteDest: e.RouteDest, NextHop: e.NextHop, Weight: e.Weight }),
      );
      f.settle();
    }
    expect((await api.call("DescribeVpnPbrRouteEntries", onGw())).TotalCount).toBe(0);
  });

  test("DescribeVpnGateway reports status, business status, VPC and the PbrPriority tag", async () => {
    const body = await api.call("DescribeVpnGateway", onGw());
    expect(body).toMatchObject({
      VpnGatewayId: GW,
      Status: "active",
      BusinessStatus: "Normal",
      VpcId: "vpc-test0000000000000001",
    });
    expect(JSON.parse(body.Tag)).toMatchObject({ PbrPriority: "true" });
    expect(f.emulator.requestLog().map((e) => [e.scheme, e.status])).toEqual([[scheme, 200]]);
  });

  test("values that need percent-encoding survive decode and re-encode", async () => {
    const description = "a b*c~d'e(f)g!h 路由 +%";
    const body = await api.call(
      "CreateVpnRouteEntry",
      onGw({
        RouteDest: "2001:DB8:0::/48",
        NextHop: "vco-*~",
        Weight: 100,
        PublishVpc: false,
        Description: description,
      }),
    );
    expect(body).toMatchObject({ RouteDest: "2001:db8::/48", NextHop: "vco-*~", Description: description });
  });
});
