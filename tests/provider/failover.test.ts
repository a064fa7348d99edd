/**
 * Weight changes the ways the API honours (weightChange.ts), driven through the provider objects against the
 * emulator, which refuses a destination route's weight change beside its sibling and ignores weight writes on
 * a dual-tunnel gateway. The engine-level failover runs are in tests/e2e/failover.e2e.test.ts.
 */
import { VpcClient } from "../../provider/api";
import type { RouteInputs, RouteOutputs } from "../../provider/types";
import { checkAndCreate, dbrInputs, GW, REGION, startWorld, VCO, VCO2, writesIn, type World } from "./world";

const DUAL = "vpn-emu0dual0000000000001";
const DEST = "10.20.0.0/16";

let world: World;
beforeEach(async () => {
  world = await startWorld({
    gateways: [
      { vpnGatewayId: GW, regionId: REGION },
      { vpnGatewayId: DUAL, regionId: REGION, disasterRecoveryVSwitchId: "vsw-emu0dr00000000000001" },
    ],
  });
});
afterEach(() => world.stop());

const asInputs = (v: Record<string, unknown>) => v as unknown as RouteInputs;
const asOutputs = (v: Record<string, unknown>) => v as unknown as RouteOutputs;
const weights = (gw = GW) => world.emulator.routes(gw).map((r) => `${r.NextHop}=${r.Weight}`);

/** A route made outside this provider process: it was never declared to it. */
async function createElsewhere(gw: string, nextHop: string, weight: number): Promise<void> {
  const client = new VpcClient({
    credentials: world.emulator.credentials,
    endpoint: world.emulator.endpoint,
    region: REGION,
  });
  await client.createVpnRouteEntry({
    RegionId: REGION,
    VpnGatewayId: gw,
    RouteDest: DEST,
    NextHop: nextHop,
    Weight: weight,
    PublishVpc: true,
  });
  await client.waitForGatewayActive({ RegionId: REGION, VpnGatewayId: gw }, { pollMs: 5 });
  client.destroy();
}

describe("a destination route beside its sibling", () => {
  it("promotes the standby by deleting it, demoting the other by its weight, and creating it again", async () => {
    await checkAndCreate(world.dbr, dbrInputs(DEST));
    const standby = await checkAndCreate(world.dbr, dbrInputs(DEST, { nextHop: VCO2, weight: 0 }));
    // The failover as the engine declares it: the active one's check (weight 0) before the promotion's update.
    await world.dbr.check!({} as RouteInputs, asInputs(dbrInputs(DEST, { weight: 0 })));
    world.emulator.clearLog();
    const promoted = await world.dbr.update!(
      standby.id,
      standby.outs,
      asInputs(dbrInputs(DEST, { nextHop: VCO2, weight: 100 })),
    );
    expect(promoted.outs).toMatchObject({ weight: 100, state: "published" });
    expect(writesIn(world.emulator, "NextHop", "Weight", "NewWeight")).toEqual([
      `DeleteVpnRouteEntry NextHop=${VCO2} Weight=0`,
      `ModifyVpnRouteEntryWeight NextHop=${VCO} Weight=100 NewWeight=0`,
      `CreateVpnRouteEntry NextHop=${VCO2} Weight=100`,
    ]);
    expect(weights()).toEqual([`${VCO}=0`, `${VCO2}=100`]);
  });

  it("demotes the active one by replacing it; the standby keeps the destination routed", async () => {
    const active = await checkAndCreate(world.dbr, dbrInputs(DEST));
    await checkAndCreate(world.dbr, dbrInputs(DEST, { nextHop: VCO2, weight: 0 }));
    world.emulator.clearLog();
    await world.dbr.update!(active.id, active.outs, asInputs(dbrInputs(DEST, { weight: 0 })));
    expect(writesIn(world.emulator, "NextHop", "Weight")).toEqual([
      `DeleteVpnRouteEntry NextHop=${VCO} Weight=100`,
      `CreateVpnRouteEntry NextHop=${VCO} Weight=0`,
    ]);
  });

  it("refuses, before any write, to promote a route whose active sibling is declared active too", async () => {
    await checkAndCreate(world.dbr, dbrInputs(DEST));
    const standby = await checkAndCreate(world.dbr, dbrInputs(DEST, { nextHop: VCO2, weight: 0 }));
    world.emulator.clearLog();
    await expect(
      world.dbr.update!(standby.id, standby.outs, asInputs(dbrInputs(DEST, { nextHop: VCO2, weight: 100 }))),
    ).rejects.toMatchObject({
      name: "TwoActiveRoutesError",
      message: expect.stringContaining(`Set weight: 0 on the VpnRouteEntry that should be the standby`),
    });
    expect(writesIn(world.emulator)).toEqual([]);
  });

  it("repairs a failover left half done (the promoted route deleted, the other still active) in the next update", async () => {
    await checkAndCreate(world.dbr, dbrInputs(DEST, { weight: 0 })); // declared standby now
    await world.emulator.drift.setWeight(GW, { routeDest: DEST, nextHop: VCO }, 100);
    const standby = await checkAndCreate(world.dbr, dbrInputs(DEST, { nextHop: VCO2, weight: 0 }));
    world.emulator.drift.deleteRoute(GW, { routeDest: DEST, nextHop: VCO2 });
    world.emulator.clearLog();
    const repaired = await world.dbr.update!(
      standby.id,
      standby.outs,
      asInputs(dbrInputs(DEST, { nextHop: VCO2, weight: 100 })),
    );
    expect(repaired.outs).toMatchObject({ weight: 100 });
    expect(writesIn(world.emulator, "NextHop", "NewWeight")).toEqual([
      `ModifyVpnRouteEntryWeight NextHop=${VCO} NewWeight=0`,
      `CreateVpnRouteEntry NextHop=${VCO2}`,
    ]);
  });
});

describe("a dual-tunnel gateway", () => {
  it("changes a lone route's weight by replacing it, never by Modify*Weight (a 200 that changes nothing)", async () => {
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs("10.41.0.0/16", { vpnGatewayId: DUAL }));
    world.emulator.clearLog();
    const updated = await world.dbr.update!(
      id,
      outs,
      asInputs(dbrInputs("10.41.0.0/16", { vpnGatewayId: DUAL, weight: 0 })),
    );
    expect(updated.outs).toMatchObject({ weight: 0, state: "published" });
    expect(writesIn(world.emulator, "Weight")).toEqual([
      "DeleteVpnRouteEntry Weight=100",
      "CreateVpnRouteEntry Weight=0",
    ]);
    expect(weights(DUAL)).toEqual([`${VCO}=0`]);
  });

  it("asks which routes to declare, before any write, when the active sibling to replace was never declared here", async () => {
    await createElsewhere(DUAL, VCO, 100);
    const standby = await checkAndCreate(
      world.dbr,
      dbrInputs(DEST, { vpnGatewayId: DUAL, nextHop: VCO2, weight: 0 }),
    );
    world.emulator.clearLog();
    await expect(
      world.dbr.update!(
        standby.id,
        standby.outs,
        asInputs(dbrInputs(DEST, { vpnGatewayId: DUAL, nextHop: VCO2, weight: 100 })),
      ),
    ).rejects.toMatchObject({
      name: "UndeclaredActiveRouteError",
      message: expect.stringMatching(
        /both in one VpnGatewayRoutes .* `dependsOn: \[<the VpnRouteEntry with nextHop "vco-emu00000000000000001">\]`.*Nothing was changed/s,
      ),
    });
    expect(writesIn(world.emulator)).toEqual([]);
  });

  it("a weight write that answers success and changes nothing is a WeightNotAppliedError, never a success", async () => {
    // The process learnt GW as single-tunnel; the gateway is then (as if) rebuilt in dual-tunnel mode.
    const { id, outs } = await checkAndCreate(world.dbr, dbrInputs(DEST));
    const once = await world.dbr.update!(id, outs, asInputs(dbrInputs(DEST, { weight: 0 })));
    world.emulator.drift.deleteGateway(GW);
    world.emulator.addGateway({ vpnGatewayId: GW, regionId: REGION, disasterRecoveryVSwitchId: "vsw-x" });
    await createElsewhere(GW, VCO, 0);
    await expect(
      world.dbr.update!(id, asOutputs({ ...once.outs }), asInputs(dbrInputs(DEST, { weight: 100 }))),
    ).rejects.toMatchObject({
      name: "WeightNotAppliedError",
      message: expect.stringContaining(
        `ModifyVpnRouteEntryWeight answered success for route ${GW}:${VCO}:${DEST}, but the gateway still lists weight 0 instead of 100`,
      ),
    });
  }, 30_000);
});
