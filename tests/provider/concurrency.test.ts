import type { RouteInputs } from "../../provider/types";
import { GW, GW2, VCO, VCO2, checkAndCreate, dbrInputs, pbrInputs, startWorld, type World } from "./world";

let world: World | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const sortedDests = (routes: { RouteDest: string }[]) => routes.map((r) => r.RouteDest).sort();

describe("many writes to one gateway", () => {
  it("30 concurrent creates all succeed, one request each, and no busy error reaches anyone", async () => {
    world = await startWorld({ configDelayMs: 20 });
    const w = world;
    const dests = Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`);
    const results = await Promise.allSettled(dests.map((d) => checkAndCreate(w.dbr, dbrInputs(d))));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(sortedDests(w.emulator.routes(GW))).toEqual([...dests].sort());
    expect(w.emulator.counts().CreateVpnRouteEntry).toBe(30);
    // Ordered in the process: the gateway was never even asked while busy.
    expect(w.emulator.requestLog().filter((e) => e.code === "VpnGateway.Configuring")).toHaveLength(0);
  });

  it("orders destination and policy writes to one gateway together, while two gateways run in parallel", async () => {
    world = await startWorld({ configDelayMs: 20 });
    const w = world;
    const work = [
      ...Array.from({ length: 8 }, (_, i) => checkAndCreate(w.dbr, dbrInputs(`10.50.${i}.0/24`))),
      ...Array.from({ length: 8 }, (_, i) =>
        checkAndCreate(w.pbr, pbrInputs(`192.168.${i}.0/24`, "10.60.0.0/16")),
      ),
      ...Array.from({ length: 8 }, (_, i) =>
        checkAndCreate(w.dbr, { ...dbrInputs(`10.70.${i}.0/24`), vpnGatewayId: GW2, nextHop: VCO2 }),
      ),
    ];
    await Promise.all(work);
    expect(w.emulator.routes(GW)).toHaveLength(8);
    expect(w.emulator.pbrRoutes(GW)).toHaveLength(8);
    expect(w.emulator.routes(GW2)).toHaveLength(8);
    expect(w.emulator.requestLog().filter((e) => e.code === "VpnGateway.Configuring")).toHaveLength(0);
    // The two gateways' writes overlapped in time: GW2's first create came before GW's last one.
    const creates = w.emulator.requestLog().filter((e) => e.action.startsWith("Create") && e.status === 200);
    const lastOnGw = Math.max(...creates.map((e, i) => (e.params.VpnGatewayId === GW ? i : -1)));
    const firstOnGw2 = creates.findIndex((e) => e.params.VpnGatewayId === GW2);
    expect(firstOnGw2).toBeLessThan(lastOnGw);
  });
});

describe("a fault run", () => {
  it("ends with exactly the requested routes despite throttling, server errors and lost responses", async () => {
    world = await startWorld({
      configDelayMs: 10,
      faults: {
        seed: 5,
        throttlePct: 12,
        retryAfterSeconds: 1,
        serverErrorPct: 10,
        resetBeforeApplyPct: 5,
        resetAfterApplyPct: 15,
      },
    });
    const w = world;
    const dbrDests = Array.from({ length: 10 }, (_, i) => `10.${80 + i}.0.0/16`);
    const pbrSources = Array.from({ length: 6 }, (_, i) => `192.168.${i}.0/24`);
    const created = await Promise.all([
      ...dbrDests.map((d, i) =>
        checkAndCreate(w.dbr, i % 2 ? dbrInputs(d) : { ...dbrInputs(d), vpnGatewayId: GW2, nextHop: VCO2 }),
      ),
      ...pbrSources.map((s) => checkAndCreate(w.pbr, pbrInputs(s, "10.99.0.0/16"))),
    ]);
    // Then change some and remove some, concurrently.
    const [dbrCreated, pbrCreated] = [created.slice(0, 10), created.slice(10)];
    await Promise.all([
      ...dbrCreated
        .slice(0, 3)
        .map((c) => w.dbr.update!(c.id, c.outs, { ...c.outs, weight: 0, publishVpc: false } as RouteInputs)),
      ...pbrCreated
        .slice(0, 2)
        .map((c) => w.pbr.update!(c.id, c.outs, { ...c.outs, priority: 50 } as RouteInputs)),
      ...dbrCreated.slice(7).map((c) => w.dbr.delete!(c.id, c.outs)),
      w.pbr.delete!(pbrCreated[5].id, pbrCreated[5].outs),
    ]);

    const summary = (r: { RouteDest: string; NextHop: string; Weight: number; State: string }) =>
      `${r.NextHop} ${r.RouteDest} w${r.Weight} ${r.State}`;
    const expectDbr = (gw: string, vco: string) =>
      dbrDests
        .map((d, i) => ({ d, i, gw: i % 2 ? GW : GW2 }))
        .filter((x) => x.gw === gw && x.i < 7)
        .map((x) => `${vco} ${x.d} ${x.i < 3 ? "w0 normal" : "w100 published"}`)
        .sort();
    expect(w.emulator.routes(GW).map(summary).sort()).toEqual(expectDbr(GW, VCO));
    expect(w.emulator.routes(GW2).map(summary).sort()).toEqual(expectDbr(GW2, VCO2));
    expect(
      w.emulator
        .pbrRoutes(GW)
        .map((r) => `${r.RouteSource} p${r.Priority} w${r.Weight} ${r.State}`)
        .sort(),
    ).toEqual(pbrSources.slice(0, 5).map((s, i) => `${s} p${i < 2 ? 50 : 10} w100 published`));

    // The faults did happen, of every kind, writes included (a create whose answer was lost was retried
    // with its ClientToken and not applied twice: the tables above hold no extra route).
    const log = w.emulator.requestLog();
    const faults = new Set(log.map((e) => e.fault).filter(Boolean));
    expect([...faults].sort()).toEqual([
      "internal-error",
      "reset-after",
      "reset-before",
      "service-unavailable",
      "throttle",
    ]);
    expect(log.some((e) => e.fault === "reset-after" && !e.action.startsWith("Describe"))).toBe(true);

    // The user was told of the throttles (once per action: the run is shorter than the notices' 30 s), of
    // 5xx answers and lost connections only once a third attempt had failed, never of a busy gateway, never
    // of the budget's waits that only kept a throttle's retry-after, never with a credential.
    const told = w.notices;
    expect(told.some((l) => /^alicloud-vpn: The API throttled \w+ in cn-hangzhou \(Throttling/.test(l))).toBe(
      true,
    );
    const throttledActions = told.flatMap((l) => /The API throttled (\w+)/.exec(l)?.[1] ?? []);
    expect(new Set(throttledActions).size).toBe(throttledActions.length);
    for (const line of told.filter((l) => / failed \(/.test(l))) {
      expect(Number(/\(attempt (\d+)\)\.$/.exec(line)?.[1])).toBeGreaterThanOrEqual(4);
    }
    expect(told.join("\n")).not.toMatch(/Configuring|wait their turn/);
    expect(told.join("\n")).not.toContain(w.emulator.credentials.accessKeySecret);
  });
});
