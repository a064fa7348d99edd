/**
 * What a created route costs in API requests, counted from the emulator's request log, as the table grows:
 * the look-up before each create is answered from the gateway's listing as this process's confirmed creates
 * keep it, and the create's answer with the gateway `active` again confirms it, so a create costs itself and
 * the gateway looks, not pages of the table. Creates arrive a few at a time, as the engine sends them.
 */
import type { RouteOutputs } from "../../provider/types";
import { GW, REGION, VCO, checkAndCreate, dbrInputs, startWorld, type World } from "./world";

/** The target per created route, amortized over the whole table. */
const MAX_REQUESTS_PER_ROUTE = 4;
/** Creates in flight at once, as `pulumi up --parallel 8` (the CLI's default on 2 CPUs) sends them. */
const IN_FLIGHT = 8;
const PAGE_SIZE = 50;

let world: World | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const dest = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.0/24`;

async function createTable(w: World, routes: number): Promise<{ id: string; outs: RouteOutputs }[]> {
  const created: { id: string; outs: RouteOutputs }[] = new Array(routes);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < routes; i = next++) created[i] = await checkAndCreate(w.dbr, dbrInputs(dest(i)));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return created;
}

describe.each([100, 1_000])("creating %i routes on one gateway", (routes) => {
  it(`costs at most ${MAX_REQUESTS_PER_ROUTE} requests a route, and a refresh after it one listing`, async () => {
    // The table's size is what is measured: the quota raised, and the documented rate limits off on both
    // sides (1,000 creates at about 60 a minute would measure the limit; tests/api cover it).
    world = await startWorld(
      {
        configDelayMs: 2,
        gateways: [{ vpnGatewayId: GW, regionId: REGION, routeQuota: routes, vpnConnections: [VCO] }],
        rateLimits: false,
      },
      { "alicloud-vpn:rateLimits": "off" },
    );
    const w = world;
    const created = await createTable(w, routes);
    expect(w.emulator.routes(GW)).toHaveLength(routes);
    const counts = w.emulator.counts();
    const requests = w.emulator.requestLog().length;
    expect(counts.CreateVpnRouteEntry).toBe(routes);
    expect(requests / routes).toBeLessThanOrEqual(MAX_REQUESTS_PER_ROUTE);
    // The table was listed in full once, before the first create; no page of it was read again.
    expect(counts.DescribeVpnRouteEntries).toBeLessThanOrEqual(IN_FLIGHT);

    // Reads do not trust a listing this process changed: they list again, once for all of them.
    w.emulator.clearLog();
    const reads = await Promise.all(created.map((c) => w.dbr.read!(c.id, c.outs)));
    expect(reads.every((r, i) => r.id === created[i].id)).toBe(true);
    expect(w.emulator.counts()).toEqual({ DescribeVpnRouteEntries: Math.ceil(routes / PAGE_SIZE) });
  }, 120_000);
});
