import { UNKNOWN } from "../../provider/constants";
import type { RouteInputs, RouteOutputs } from "../../provider/types";
import {
  GW,
  GW2,
  REGION,
  VCO,
  VCO2,
  checkAndCreate,
  dbrInputs,
  pbrInputs,
  startWorld,
  writesIn,
  type World,
} from "./world";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.stop());

const asInputs = (v: Record<string, unknown>) => v as unknown as RouteInputs;
const asOutputs = (v: Record<string, unknown>) => v as unknown as RouteOutputs;

describe("create", () => {
  it("names the missing connection when the next hop is not an IPsec connection of the gateway", async () => {
    const missing = "vco-emu00000000000000077";
    const attempt = checkAndCreate(world.dbr, dbrInputs("10.1.0.0/16", { nextHop: missing }));
    await expect(attempt).rejects.toThrow(
      `The route ${GW}:${missing}:10.1.0.0/16 cannot be created: its next hop ${missing} is not an IPsec ` +
        `connection of VPN gateway ${GW} in ${REGION}.`,
    );
    await expect(attempt).rejects.toMatchObject({ name: "NextHopNotFoundError" });
    expect(world.emulator.routes(GW)).toEqual([]);
  });

  it("creates a destination route and returns everything read, update and delete need", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.1.0.0/16", { description: "to DC1" }));
    expect(id).toBe(`${GW}:${VCO}:10.1.0.0/16`);
    expect(outs).toEqual({
      vpnGatewayId: GW,
      routeDest: "10.1.0.0/16",
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
      description: "to DC1",
      region: REGION,
      state: "published",
      createTime: expect.any(Number),
      routeEntryType: "custom",
    });
    expect(world.emulator.routes(GW)).toEqual([
      expect.objectContaining({
        RouteDest: "10.1.0.0/16",
        NextHop: VCO,
        Weight: 100,
        State: "published",
        Description: "to DC1",
      }),
    ]);
    // Returned only once the gateway took the change.
    expect(world.emulator.gateway(GW)?.Status).toBe("active");
    expect(world.emulator.counts().CreateVpnRouteEntry).toBe(1);
  });

  it("creates an unpublished standby route", async () => {
    const { outs } = await checkAndCreate(
      world.dbr,
      dbrInputs("10.2.0.0/16", { weight: 0, publishVpc: false }),
    );
    expect(outs).toMatchObject({ weight: 0, publishVpc: false, state: "normal" });
    expect(world.emulator.routes(GW)[0]).toMatchObject({ Weight: 0, State: "normal" });
  });

  it("creates a policy route with the default priority written by check", async () => {
    const { id, outs } = await checkAndCreate(world.pbr, pbrInputs("192.168.0.0/24", "10.3.0.0/16"));
    expect(id).toBe(`${GW}:${VCO}:192.168.0.0/24:10.3.0.0/16`);
    expect(outs).toMatchObject({ routeSource: "192.168.0.0/24", priority: 10, state: "published" });
    expect(world.emulator.pbrRoutes(GW)).toEqual([
      expect.objectContaining({ RouteSource: "192.168.0.0/24", Priority: 10 }),
    ]);
    expect(
      world.emulator.requestLog().find((e) => e.action === "CreateVpnPbrRouteEntry")?.params.Priority,
    ).toBe("10");
  });

  it("uses the route's own region and refuses when no region is known", async () => {
    world.emulator.addGateway({ vpnGatewayId: "vpn-sh0001", regionId: "cn-shanghai" });
    const { outs } = await checkAndCreate(world.dbr, {
      ...dbrInputs("10.4.0.0/16"),
      vpnGatewayId: "vpn-sh0001",
      region: "cn-shanghai",
    });
    expect(outs.region).toBe("cn-shanghai");

    const { "alicloud:region": _, ...noRegion } = world.config;
    await world.dbr.configure!({
      config: { get: (k: string) => noRegion[k], require: (k: string) => noRegion[k] },
    });
    await expect(world.dbr.create(asInputs(dbrInputs("10.5.0.0/16")))).rejects.toThrow(
      "No region for the route: set its region input, or the stack's alicloud:region",
    );
  });

  it("names the missing gateway, and where its region came from", async () => {
    await expect(
      world.dbr.create(asInputs({ ...dbrInputs("10.6.0.0/16"), vpnGatewayId: "vpn-nothere1" })),
    ).rejects.toThrow(
      "VPN gateway vpn-nothere1 was not found in region cn-hangzhou (from Pulumi config alicloud:region; " +
        "the route sets no region): check vpnGatewayId and region (set the route's region input",
    );
    await expect(
      world.dbr.create(
        asInputs({ ...dbrInputs("10.6.0.0/16"), vpnGatewayId: "vpn-nothere1", region: "cn-shanghai" }),
      ),
    ).rejects.toThrow("was not found in region cn-shanghai (from the route's region input)");
    expect(world.emulator.counts().CreateVpnRouteEntry).toBeUndefined();
  });

  it("refuses a route that already exists, giving the ID and how to adopt it", async () => {
    await checkAndCreate(world.dbr, dbrInputs("10.7.0.0/16"));
    world.emulator.clearLog();
    const err = await world.dbr.create(asInputs(dbrInputs("10.7.0.0/16"))).catch((e: Error) => e);
    expect(err).toMatchObject({ name: "RouteExistsError", routeId: `${GW}:${VCO}:10.7.0.0/16` });
    expect(err).not.toHaveProperty("id");
    expect((err as Error).message).toContain(
      `The route ${GW}:${VCO}:10.7.0.0/16 already exists in cn-hangzhou`,
    );
    expect((err as Error).message).toContain("set `adopt: true`");
    expect(world.emulator.counts().CreateVpnRouteEntry).toBeUndefined();
  });

  it("adopts an existing route with adopt: true and applies the requested settings", async () => {
    await checkAndCreate(world.pbr, pbrInputs("192.168.1.0/24", "10.8.0.0/16"));
    world.emulator.clearLog();
    const { id, outs } = await checkAndCreate(
      world.pbr,
      pbrInputs("192.168.1.0/24", "10.8.0.0/16", { adopt: true, weight: 0, publishVpc: false, priority: 20 }),
    );
    expect(id).toBe(`${GW}:${VCO}:192.168.1.0/24:10.8.0.0/16`);
    expect(outs).toMatchObject({ weight: 0, publishVpc: false, priority: 20, state: "normal", adopt: true });
    expect(writesIn(world.emulator, "PublishVpc", "NewWeight", "NewPriority")).toEqual([
      "PublishVpnRouteEntry PublishVpc=false",
      // Weight and priority in one write (ModifyVpnPbrRouteEntryAttribute).
      "ModifyVpnPbrRouteEntryAttribute NewWeight=0 NewPriority=20",
    ]);
  });
});

describe("read", () => {
  it("returns the route as the API reports it, with inputs for the next diff", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.10.0.0/16", { description: "d" }));
    const read = await world.dbr.read!(id, { ...outs, __provider: "code" } as RouteOutputs);
    expect(read).toEqual({
      id,
      props: outs,
      inputs: expect.objectContaining({ weight: 100, publishVpc: true, description: "d" }),
    });
    expect(read.inputs).not.toHaveProperty("state");
    expect(read.inputs).not.toHaveProperty("createTime");
  });

  it("reports drift in weight and publish state in props and inputs", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.11.0.0/16"));
    world.emulator.drift.setWeight(GW, { routeDest: "10.11.0.0/16", nextHop: VCO }, 0);
    world.emulator.drift.setPublished(GW, { routeDest: "10.11.0.0/16", nextHop: VCO }, false);
    const read = await world.dbr.read!(id, outs);
    expect(read.props).toMatchObject({ weight: 0, publishVpc: false, state: "normal" });
    expect(read.inputs).toMatchObject({ weight: 0, publishVpc: false });
    // The next diff is against reality: the program's values come back as an update.
    expect(await world.dbr.diff!(id, read.props!, asInputs(dbrInputs("10.11.0.0/16")))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("reports drift in a policy route's priority", async () => {
    const { id, outs } = await checkAndCreate(world.pbr, pbrInputs("192.168.2.0/24", "10.12.0.0/16"));
    world.emulator.drift.setPriority(
      GW,
      { routeSource: "192.168.2.0/24", routeDest: "10.12.0.0/16", nextHop: VCO },
      55,
    );
    expect((await world.pbr.read!(id, outs)).inputs).toMatchObject({ priority: 55 });
  });

  it("returns no id when the route or the gateway is gone", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.13.0.0/16"));
    world.emulator.drift.deleteRoute(GW, { routeDest: "10.13.0.0/16", nextHop: VCO });
    expect(await world.dbr.read!(id, outs)).toEqual({});

    const other = await checkAndCreate(world.dbr, { ...dbrInputs("10.14.0.0/16"), vpnGatewayId: GW2 });
    world.emulator.drift.deleteGateway(GW2);
    expect(await world.dbr.read!(other.id, other.outs)).toEqual({});
  });

  it("reads a route from its terraform ID alone, IPv6 included", async () => {
    const { id } = await checkAndCreate(
      world.pbr,
      pbrInputs("fd00:1::/64", "2001:db8:5::/48", { priority: 7 }),
    );
    expect(id).toBe(`${GW}:${VCO}:fd00:1::/64:2001:db8:5::/48`);
    const read = await world.pbr.read!(id, {} as RouteOutputs);
    expect(read.id).toBe(id);
    expect(read.inputs).toEqual({
      vpnGatewayId: GW,
      nextHop: VCO,
      routeSource: "fd00:1::/64",
      routeDest: "2001:db8:5::/48",
      region: REGION,
      weight: 100,
      publishVpc: true,
      priority: 7,
    });
  });

  it("shares one paged listing among concurrent reads of a gateway", async () => {
    const created: { id: string; outs: RouteOutputs }[] = [];
    for (let i = 0; i < 55; i++)
      created.push(await checkAndCreate(world.dbr, dbrInputs(`10.${100 + i}.0.0/16`)));
    world.emulator.clearLog();
    const reads = await Promise.all(created.map((c) => world.dbr.read!(c.id, c.outs)));
    expect(reads.map((r) => r.id)).toEqual(created.map((c) => c.id));
    // 55 entries at PageSize 50: two pages, for all 55 reads together.
    expect(world.emulator.counts()).toEqual({ DescribeVpnRouteEntries: 2 });
  });

  it("answers reads that come one after another from one listing, until this process writes to the gateway", async () => {
    const created: { id: string; outs: RouteOutputs }[] = [];
    for (let i = 0; i < 3; i++) created.push(await checkAndCreate(world.dbr, dbrInputs(`10.30.${i}.0/24`)));
    world.emulator.clearLog();
    for (const c of created) expect((await world.dbr.read!(c.id, c.outs)).id).toBe(c.id);
    expect(world.emulator.counts()).toEqual({ DescribeVpnRouteEntries: 1 });

    // Our own write drops the listing: the next read lists again and sees the change.
    const [first] = created;
    await world.dbr.update!(first.id, first.outs, asInputs(dbrInputs("10.30.0.0/24", { weight: 0 })));
    world.emulator.clearLog();
    expect((await world.dbr.read!(first.id, first.outs)).props).toMatchObject({ weight: 0 });
    expect(world.emulator.counts()).toEqual({ DescribeVpnRouteEntries: 1 });
  });
});

describe("update", () => {
  it("changes the weight with the old and new weight, and waits for the listing", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.20.0.0/16"));
    world.emulator.clearLog();
    const updated = await world.dbr.update!(id, outs, asInputs(dbrInputs("10.20.0.0/16", { weight: 0 })));
    expect(updated.outs).toMatchObject({
      weight: 0,
      publishVpc: true,
      state: "published",
      createTime: outs.createTime,
    });
    expect(writesIn(world.emulator, "Weight", "NewWeight")).toEqual([
      "ModifyVpnRouteEntryWeight Weight=100 NewWeight=0",
    ]);
    expect(world.emulator.routes(GW)[0].Weight).toBe(0);
  });

  it("withdraws and publishes through PublishVpnRouteEntry with the route type", async () => {
    const dbr = await checkAndCreate(world.dbr, dbrInputs("10.21.0.0/16"));
    const pbr = await checkAndCreate(
      world.pbr,
      pbrInputs("192.168.3.0/24", "10.22.0.0/16", { publishVpc: false }),
    );
    world.emulator.clearLog();
    await world.dbr.update!(dbr.id, dbr.outs, asInputs(dbrInputs("10.21.0.0/16", { publishVpc: false })));
    const up = await world.pbr.update!(
      pbr.id,
      pbr.outs,
      asInputs(pbrInputs("192.168.3.0/24", "10.22.0.0/16", { priority: 10 })),
    );
    expect(up.outs).toMatchObject({ publishVpc: true, state: "published" });
    expect(writesIn(world.emulator, "RouteType", "PublishVpc")).toEqual([
      "PublishVpnRouteEntry RouteType=dbr PublishVpc=false",
      "PublishVpnRouteEntry RouteType=pbr PublishVpc=true",
    ]);
  });

  it("withdraws first when a change includes withdrawing", async () => {
    const { id, outs } = await checkAndCreate(world.pbr, pbrInputs("192.168.4.0/24", "10.23.0.0/16"));
    world.emulator.clearLog();
    const news = pbrInputs("192.168.4.0/24", "10.23.0.0/16", { weight: 0, publishVpc: false, priority: 30 });
    const updated = await world.pbr.update!(id, outs, asInputs(news));
    expect(updated.outs).toMatchObject({ weight: 0, publishVpc: false, priority: 30 });
    expect(writesIn(world.emulator, "Weight", "NewWeight", "Priority", "NewPriority", "PublishVpc")).toEqual([
      "PublishVpnRouteEntry PublishVpc=false",
      "ModifyVpnPbrRouteEntryAttribute Weight=100 NewWeight=0 Priority=10 NewPriority=30",
    ]);
  });

  it("publishes last when a change includes publishing", async () => {
    const { id, outs } = await checkAndCreate(
      world.dbr,
      dbrInputs("10.24.0.0/16", { weight: 0, publishVpc: false }),
    );
    world.emulator.clearLog();
    await world.dbr.update!(id, outs, asInputs(dbrInputs("10.24.0.0/16")));
    expect(writesIn(world.emulator, "NewWeight", "PublishVpc")).toEqual([
      "ModifyVpnRouteEntryWeight NewWeight=100",
      "PublishVpnRouteEntry PublishVpc=true",
    ]);
  });

  it("waits for the gateway after each write: no write is refused as busy", async () => {
    const { id, outs } = await checkAndCreate(
      world.pbr,
      pbrInputs("192.168.5.0/24", "10.25.0.0/16", { weight: 0, publishVpc: false }),
    );
    world.emulator.clearLog();
    await world.pbr.update!(id, outs, asInputs(pbrInputs("192.168.5.0/24", "10.25.0.0/16", { priority: 1 })));
    expect(world.emulator.requestLog().filter((e) => e.code === "VpnGateway.Configuring")).toEqual([]);
    // Weight and priority in one write, then publishing.
    expect(writesIn(world.emulator)).toEqual(["ModifyVpnPbrRouteEntryAttribute", "PublishVpnRouteEntry"]);
  });

  it("starts from what the listing shows, not from stored outputs", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.26.0.0/16"));
    world.emulator.drift.setWeight(GW, { routeDest: "10.26.0.0/16", nextHop: VCO }, 0);
    world.emulator.clearLog();
    // Stored weight 100, wanted 0, and the gateway already has 0: nothing to write.
    const updated = await world.dbr.update!(id, outs, asInputs(dbrInputs("10.26.0.0/16", { weight: 0 })));
    expect(writesIn(world.emulator)).toEqual([]);
    expect(updated.outs?.weight).toBe(0);
  });

  it("makes no API call when only the provider code changed, and keeps the old outputs", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.27.0.0/16"));
    const olds = { ...outs, __provider: "old code" };
    const news = { ...dbrInputs("10.27.0.0/16"), __provider: "new code" };
    expect(await world.dbr.diff!(id, asOutputs(olds), asInputs(news))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    world.emulator.clearLog();
    expect(await world.dbr.update!(id, asOutputs(olds), asInputs(news))).toEqual({ outs });
    expect(world.emulator.counts()).toEqual({});
  });

  it("creates the route again when it vanished (a failed step between delete and create): no refresh needed", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.28.0.0/16"));
    world.emulator.drift.deleteRoute(GW, { routeDest: "10.28.0.0/16", nextHop: VCO });
    world.emulator.clearLog();
    const updated = await world.dbr.update!(id, outs, asInputs(dbrInputs("10.28.0.0/16", { weight: 0 })));
    expect(updated.outs).toMatchObject({ weight: 0, state: "published" });
    expect(writesIn(world.emulator, "Weight")).toEqual(["CreateVpnRouteEntry Weight=0"]);
  });
});

describe("DryRun", () => {
  it("is never sent: not on the Create actions (the provider creates for real), nor where undocumented", async () => {
    const dbr = await checkAndCreate(world.dbr, dbrInputs("10.40.0.0/16"));
    const pbr = await checkAndCreate(world.pbr, pbrInputs("192.168.40.0/24", "10.41.0.0/16"));
    const dbrUpdated = await world.dbr.update!(
      dbr.id,
      dbr.outs,
      asInputs(dbrInputs("10.40.0.0/16", { publishVpc: false })),
    );
    const pbrUpdated = await world.pbr.update!(
      pbr.id,
      pbr.outs,
      asInputs(pbrInputs("192.168.40.0/24", "10.41.0.0/16", { priority: 20 })),
    );
    await world.dbr.delete!(dbr.id, asOutputs({ ...dbr.outs, ...dbrUpdated.outs }));
    await world.pbr.delete!(pbr.id, asOutputs({ ...pbr.outs, ...pbrUpdated.outs }));
    const actions = new Set(world.emulator.requestLog().map((e) => e.action));
    for (const action of ["CreateVpnRouteEntry", "CreateVpnPbrRouteEntry", "PublishVpnRouteEntry"])
      expect(actions).toContain(action);
    for (const action of ["DeleteVpnRouteEntry", "DeleteVpnPbrRouteEntry"]) expect(actions).toContain(action);
    expect(world.emulator.requestLog().filter((e) => "DryRun" in e.params)).toEqual([]);
  });
});

describe("delete", () => {
  it("deletes with the entry's current weight and waits until it is no longer listed", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.30.0.0/16"));
    world.emulator.drift.setWeight(GW, { routeDest: "10.30.0.0/16", nextHop: VCO }, 0);
    world.emulator.clearLog();
    await world.dbr.delete!(id, outs);
    expect(world.emulator.routes(GW)).toEqual([]);
    expect(writesIn(world.emulator, "Weight")).toEqual(["DeleteVpnRouteEntry Weight=0"]);
  });

  it("deletes a policy route with its weight, priority and overlay mode", async () => {
    const { id, outs } = await checkAndCreate(
      world.pbr,
      pbrInputs("192.168.6.0/24", "10.31.0.0/16", { priority: 42, overlayMode: "Ipsec" }),
    );
    world.emulator.clearLog();
    await world.pbr.delete!(id, outs);
    expect(world.emulator.pbrRoutes(GW)).toEqual([]);
    expect(writesIn(world.emulator, "Weight", "Priority", "OverlayMode")).toEqual([
      "DeleteVpnPbrRouteEntry Weight=100 Priority=42 OverlayMode=Ipsec",
    ]);
  });

  it("succeeds when the route or its gateway is already gone", async () => {
    const a = await checkAndCreate(world.dbr, dbrInputs("10.32.0.0/16"));
    const b = await checkAndCreate(world.dbr, {
      ...dbrInputs("10.33.0.0/16"),
      vpnGatewayId: GW2,
      nextHop: VCO2,
    });
    world.emulator.drift.deleteRoute(GW, { routeDest: "10.32.0.0/16", nextHop: VCO });
    world.emulator.drift.deleteGateway(GW2);
    world.emulator.clearLog();
    await world.dbr.delete!(a.id, a.outs);
    await world.dbr.delete!(b.id, b.outs);
    expect(writesIn(world.emulator)).toEqual([]);
  });
});

describe("preview", () => {
  it("checks and diffs values unknown at preview without calling the API", async () => {
    const news = {
      ...pbrInputs(UNKNOWN, "10.40.0.0/16"),
      weight: UNKNOWN,
      publishVpc: UNKNOWN,
      priority: UNKNOWN,
    };
    const checked = await world.pbr.check!({} as RouteInputs, asInputs(news));
    expect(checked).toEqual({ inputs: news, failures: [] });
    const olds = asOutputs({
      ...pbrInputs("192.168.0.0/24", "10.40.0.0/16"),
      priority: 10,
      region: REGION,
      state: "published",
    });
    expect(await world.pbr.diff!("id", olds, asInputs(news))).toEqual({
      changes: true,
      replaces: ["routeSource"],
      deleteBeforeReplace: true,
    });
    expect(world.emulator.counts()).toEqual({});
  });
});
