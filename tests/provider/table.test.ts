/**
 * VpnGatewayRouteTable's provider driven directly against the emulator (no engine): a table of 1,000 routes is
 * updated by writes of the changed routes only; a create stopped half-way throws the table as the gateway holds
 * it, for the engine to record.
 */
import { vpnGatewayRouteTableProvider } from "../../provider/resourceProviders";
import type { RouteTableInputs, RouteTableOutputs } from "../../provider/tableTypes";
import { GW, VCO, startWorld, stackConfig, writesIn, type World } from "./world";

let world: World;
afterEach(() => world?.stop());

const table = vpnGatewayRouteTableProvider;
const routeOf = (routeDest: string, extra: Record<string, unknown> = {}) => ({
  routeDest,
  nextHop: VCO,
  weight: 100,
  publishVpc: true,
  ...extra,
});
const tableOf = (dests: string[]) => ({
  vpnGatewayId: GW,
  routes: Object.fromEntries(dests.map((d) => [`${d}@${VCO}`, routeOf(d)])),
});

async function checked(news: Record<string, unknown>): Promise<RouteTableInputs> {
  const { inputs, failures } = await table.check!(
    {} as RouteTableInputs,
    news as unknown as RouteTableInputs,
  );
  expect(failures).toEqual([]);
  return inputs!;
}

async function start(routeQuota: number) {
  // Rate limits off on both sides, as in the bench's scale scenario: the API's 60 creates a minute is not the subject.
  world = await startWorld(
    {
      configDelayMs: 0,
      rateLimits: false,
      gateways: [{ vpnGatewayId: GW, regionId: "cn-hangzhou", routeQuota }],
    },
    { "alicloud-vpn:rateLimits": "off" },
  );
  await table.configure!({ config: stackConfig(world.config) });
}

it("updates a table of 1,000 routes with writes of the changed routes only", async () => {
  await start(1000);
  const dests = Array.from({ length: 1000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
  const created = await table.create(await checked(tableOf(dests)));
  const stored = created.outs!;
  expect(created.id).toBe(GW);
  expect(world.emulator.routes(GW)).toHaveLength(1000);
  expect(Object.keys(stored.routes)).toHaveLength(1000);

  world.emulator.clearLog();
  const news = tableOf(dests);
  news.routes[`${dests[7]}@${VCO}`] = routeOf(dests[7], { publishVpc: false });
  news.routes[`${dests[900]}@${VCO}`] = routeOf(dests[900], { weight: 0 });
  const inputs = await checked(news);
  expect((await table.diff!(GW, stored, inputs)).changes).toBe(true);
  const { outs } = await table.update!(GW, stored, inputs);
  expect(writesIn(world.emulator, "RouteDest").sort()).toEqual([
    `ModifyVpnRouteEntryWeight RouteDest=${dests[900]}`,
    `PublishVpnRouteEntry RouteDest=${dests[7]}`,
  ]);
  const listedPages = world.emulator
    .requestLog()
    .filter((e) => e.action === "DescribeVpnRouteEntries").length;
  console.log(`update of 2 routes in 1,000: ${listedPages} listing pages`);
  expect(outs!.routes[`${dests[7]}@${VCO}`]).toMatchObject({ publishVpc: false });
  expect(outs!.routes[`${dests[900]}@${VCO}`]).toMatchObject({ weight: 0 });
  // Compact: each route's inputs, its id and state (measured: 271 bytes a route; a VpnRouteEntry is about 1.7 KB).
  expect(JSON.stringify(outs).length / 1000).toBeLessThan(300);
});

it("throws, from a create stopped half-way, the table as the gateway holds it", async () => {
  await start(3);
  const dests = ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16", "10.5.0.0/16"];
  const inputs = await checked(tableOf(dests));
  const attempt = table.create({ ...inputs, __provider: "text" } as RouteTableInputs);
  await expect(attempt).rejects.toMatchObject({ name: "RouteTableIncompleteError", id: GW });
  const err = (await attempt.catch((e: unknown) => e)) as {
    properties: RouteTableOutputs & { __provider: string };
  };
  expect(Object.keys(err.properties.routes).sort()).toEqual(
    world.emulator
      .routes(GW)
      .map((r) => `${r.RouteDest}@${VCO}`)
      .sort(),
  );
  expect(Object.keys(err.properties.routes)).toHaveLength(3);
  expect(err.properties.__provider).toBe("text");
});

it("refreshes a table with one listing per kind it holds, both kinds when exclusive", async () => {
  await start(10);
  const created = await table.create(await checked(tableOf(["10.1.0.0/16", "10.2.0.0/16"])));
  const listingsOfRead = async (stored: RouteTableOutputs) => {
    world.emulator.clearLog();
    const read = await table.read!(GW, stored);
    return [read, world.emulator.counts()] as const;
  };
  const [read, counts] = await listingsOfRead(created.outs!);
  expect(Object.keys(read.props!.routes).sort()).toEqual([`10.1.0.0/16@${VCO}`, `10.2.0.0/16@${VCO}`]);
  expect(counts).toEqual({ DescribeVpnRouteEntries: 1 });
  const [, exclusiveCounts] = await listingsOfRead({ ...created.outs!, exclusive: true });
  // (The destination routes' listing of a moment ago may be shared: listings are, within a process.)
  expect(exclusiveCounts.DescribeVpnPbrRouteEntries).toBe(1);
});
