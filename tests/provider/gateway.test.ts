/**
 * The gateway object on its own, against the emulator: the write lock held until the gateway is active again,
 * the apply time it learns, its shared listings, and its waits.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VpcClient } from "../../provider/api";
import { BUSY_CODES } from "../../provider/api/codes";
import { RouteWaitTimeoutError } from "../../provider/errors";
import {
  Gateway,
  nextExpectedApplyMs,
  followUpPollMs,
  type GatewayEnv,
} from "../../provider/gateway/gateway";
import { RouteListings } from "../../provider/gateway/listings";
import { dbrApi } from "../../provider/routes";
import type { ListedRoute } from "../../provider/routes";

const REGION = "cn-hangzhou";
const GW = "vpn-emu00000000000000001";
const GW2 = "vpn-emu00000000000000002";
const VCO = "vco-emu00000000000000001";

describe("Gateway against the emulator", () => {
  let emulator: RunningEmulator;
  let client: VpcClient;
  const env = (): GatewayEnv => ({
    client: () => client,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    deadlineMs: () => 5_000,
    pollMs: () => 5,
  });
  const route = (dest: string) => ({
    RegionId: REGION,
    VpnGatewayId: GW,
    RouteDest: dest,
    NextHop: VCO,
    Weight: 100,
    PublishVpc: false,
  });

  /** Looks at the gateway (DescribeVpnGateway) one write of `gateway` took until it was done. */
  const looksAfter = async (gateway: Gateway, dest: string) => {
    const before = emulator.requestLog().length;
    await gateway.write((writer) => writer.createVpnRouteEntry(route(dest)));
    return emulator
      .requestLog()
      .slice(before)
      .filter((e) => e.action === "DescribeVpnGateway").length;
  };

  beforeEach(async () => {
    emulator = await startEmulator({ configDelayMs: 30, seed: 5 });
    client = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
  });
  afterEach(async () => {
    client.destroy();
    await emulator.stop();
  });

  it("takes one write at a time, in arrival order, each only once the gateway is active after the last", async () => {
    const gateway = new Gateway(REGION, GW, env());
    const dests = ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"];
    await Promise.all(dests.map((d) => gateway.write(() => client.createVpnRouteEntry(route(d)))));
    const log = emulator.requestLog().filter((e) => e.params.VpnGatewayId === GW);
    const creates = log.filter((e) => e.action === "CreateVpnRouteEntry");
    expect(creates.map((e) => e.params.RouteDest)).toEqual(dests);
    expect(creates.every((e) => e.status === 200)).toBe(true); // none refused as VpnGateway.Configuring
    // Between two creates, a DescribeVpnGateway found the gateway active again.
    for (let i = 1; i < creates.length; i++) {
      const between = log.slice(log.indexOf(creates[i - 1]) + 1, log.indexOf(creates[i]));
      expect(between.some((e) => e.action === "DescribeVpnGateway")).toBe(true);
    }
  });

  it("lets different gateways write at the same time, and releases the lock after a failed write", async () => {
    const one = new Gateway(REGION, GW, env());
    const two = new Gateway(REGION, GW2, env());
    let inside = 0;
    let most = 0;
    const held = (g: Gateway) =>
      g.write(async () => {
        most = Math.max(most, ++inside);
        await new Promise((resolve) => setTimeout(resolve, 50));
        inside--;
      });
    await Promise.all([held(one), held(two)]);
    expect(most).toBe(2);
    const failed = one.write(async () => {
      throw new Error("refused");
    });
    const next = one.write(async () => "ran");
    await expect(failed).rejects.toThrow("refused");
    await expect(next).resolves.toBe("ran");
  });

  describe("a write waiting out a throttle", () => {
    /**
     * Two writes on one gateway: A meets the faults `first`, then (after any other failure) a throttle; B starts
     * while A waits out its throttle (1 s of x-acs-retry-after).
     */
    async function throttledThenAnother(first: object) {
      const creates = () =>
        emulator
          .requestLog()
          .filter((e) => e.action === "CreateVpnRouteEntry")
          .map((e) => `${e.params.RouteDest} ${e.code ?? e.fault ?? e.status}`);
      let startB!: () => void;
      const bStarts = new Promise<void>((resolve) => (startB = resolve));
      const retrying = new VpcClient({
        endpoint: emulator.endpoint,
        credentials: emulator.credentials,
        // The gateway alone: no call budget, whose debt after a throttle would hold the next create back too.
        config: { "alicloud-vpn:rateLimits": "off" },
        onRetry: ({ error }) => {
          if (!error.code.includes("Throttling")) return emulator.setFaults({ throttlePct: 100 });
          emulator.setFaults({});
          startB();
        },
      });
      const gateway = new Gateway(REGION, GW, { ...env(), client: () => retrying });
      emulator.setFaults(first);
      const a = gateway.write((c) => c.createVpnRouteEntry(route("10.1.0.0/16")));
      await bStarts;
      const b = gateway.write((c) => c.createVpnRouteEntry(route("10.2.0.0/16")));
      await Promise.all([a, b]);
      retrying.destroy();
      return creates();
    }

    it("lends the gateway to the next write: refused, nothing of it is applying", async () => {
      expect(await throttledThenAnother({ throttlePct: 100 })).toEqual([
        "10.1.0.0/16 Throttling",
        "10.2.0.0/16 200",
        "10.1.0.0/16 200",
      ]);
    });

    it("keeps the gateway when an earlier attempt may have been taken (its answer was lost)", async () => {
      const seen = await throttledThenAnother({ resetAfterApplyPct: 100 });
      expect(seen[0]).toMatch(/^10\.1\.0\.0\/16 /); // applied, the answer reset
      expect(seen.slice(1)).toEqual(["10.1.0.0/16 Throttling", "10.1.0.0/16 200", "10.2.0.0/16 200"]);
    });
  });

  it("a write presumed applied at a throttled look keeps the listing current, as a confirmed one does", async () => {
    const gateway = new Gateway(REGION, GW, env());
    await gateway.write((c) => c.createVpnRouteEntry(route("10.1.0.0/16"))); // learns the apply time
    await gateway.list(dbrApi);
    const listings = () => emulator.requestLog().filter((e) => e.action === "DescribeVpnRouteEntries").length;
    const before = listings();
    const added: ListedRoute = {
      RouteDest: "10.2.0.0/16",
      NextHop: VCO,
      Weight: 100,
      State: "normal",
    } as ListedRoute;
    await gateway.write(
      async (c) => {
        const answer = await c.createVpnRouteEntry(route("10.2.0.0/16"));
        emulator.setFaults({ throttlePct: 100 }); // every look at the gateway after the write
        return answer;
      },
      { kind: "dbr", change: () => (entries) => [...entries, added] },
    );
    emulator.setFaults({});
    const looks = emulator.requestLog().filter((e) => e.action === "DescribeVpnGateway");
    expect(looks[looks.length - 1].code).toBe("Throttling");
    const kept = (await gateway.list(dbrApi, false, true)) as ListedRoute[];
    expect(kept.map((e) => e.RouteDest)).toEqual(["10.1.0.0/16", "10.2.0.0/16"]);
    expect(listings()).toBe(before);
  });

  it("learns the apply time: after the first write it waits about that long before it looks", async () => {
    const gateway = new Gateway(REGION, GW, env());
    const first = await looksAfter(gateway, "10.1.0.0/16");
    const later = await looksAfter(gateway, "10.2.0.0/16");
    expect(first).toBeGreaterThan(1); // polled every 5 ms through the 30 ms apply
    expect(later).toBeLessThan(first);
  });

  it("alone on a gateway that got slower, learns the longer apply time instead of polling through it", async () => {
    const gateway = new Gateway(REGION, GW, env());
    await looksAfter(gateway, "10.1.0.0/16");
    await looksAfter(gateway, "10.2.0.0/16"); // 30 ms learned
    emulator.setConfigDelay(300);
    const slow = [];
    for (const dest of ["10.3.0.0/16", "10.4.0.0/16", "10.5.0.0/16"])
      slow.push(await looksAfter(gateway, dest));
    // The first slow write looks from the 30 ms learned on through the 300 ms the gateway took; the last waits
    // what it learned, then looks once or twice.
    expect(slow[2]).toBeLessThanOrEqual(3);
    expect(slow[0]).toBeGreaterThan(slow[2]);
  });

  it("on a gateway another writer shares, looks once or twice after each of its writes, not through them", async () => {
    emulator.setConfigDelay(200);
    const gateway = new Gateway(REGION, GW, { ...env(), pollMs: () => undefined });
    await looksAfter(gateway, "10.1.0.0/16");
    await looksAfter(gateway, "10.2.0.0/16"); // about 200 ms learned
    // Another process's write takes the gateway just before this one's, which is refused as busy: shared.
    const other = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
    try {
      await other.createVpnRouteEntry(route("10.99.0.0/16"));
      await looksAfter(gateway, "10.3.0.0/16");
    } finally {
      other.destroy();
    }
    const refusals = emulator.requestLog().filter((e) => BUSY_CODES.includes(e.code ?? ""));
    expect(refusals).toHaveLength(1);
    const looks = [];
    for (let i = 4; i < 11; i++) looks.push(await looksAfter(gateway, `10.${i}.0.0/16`));
    // The first look at what it learned (no later than the fastest wait seen), fine looks after it if still
    // busy: 1 to 3 a write. From a quarter of it on at that pace: about 4 a write (two stacks that looked that
    // often together spent the account's DescribeVpnGateway limit).
    // The median write, not the sum: under a loaded CI a late timer costs a write a few looks now and then
    // ([1,4,2,1,5,2] with both cores busy), while looking at a quarter's pace would make 4 the median.
    const median = [...looks].sort((a, b) => a - b)[Math.floor(looks.length / 2)];
    expect(median).toBeLessThanOrEqual(2);
    expect(emulator.routes(GW)).toHaveLength(11);
  });

  it("a first wait that ran through another writer's changes is not learned: a listing shows the other writer", async () => {
    emulator.setConfigDelay(50);
    const gateway = new Gateway(REGION, GW, { ...env(), pollMs: () => undefined });
    await gateway.list(dbrApi); // as a create lists first
    const ownWrite = (dest: string) =>
      gateway.write((c) => c.createVpnRouteEntry(route(dest)), { kind: "dbr", change: () => undefined });
    // Another process writes 8 routes, each the moment the gateway is active, while this one's first write waits
    // (its looks 200 ms apart before anything is learned): the wait runs through all of them.
    const other = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
    const scope = { RegionId: REGION, VpnGatewayId: GW };
    const othersWrites = (async () => {
      for (let i = 0; i < 8; i++) {
        await other.waitForGatewayActive(scope, { pollMs: 5, pollGrowth: 1 });
        await other.createVpnRouteEntry(route(`10.99.${i}.0/24`)).catch(() => undefined);
      }
    })();
    try {
      await ownWrite("10.1.0.0/16");
      await othersWrites;
    } finally {
      other.destroy();
    }
    await ownWrite("10.2.0.0/16");
    const started = Date.now();
    await ownWrite("10.3.0.0/16");
    // The first wait (about 450 ms) learned as the gateway's own would keep the third write at least that long:
    // alone, a learned time comes down 2% a write. Known shared, it waits about the 50 ms gateway's time.
    expect(Date.now() - started).toBeLessThan(300);
    expect(emulator.routes(GW)).toHaveLength(11);
  });

  it("on a shared gateway, an apply time learned too long comes down in a few writes", async () => {
    // Learned too long: here a gateway that got faster; the same as a wait that ran through another writer's
    // changes (a stack kept 3 s after each write of a 300 ms gateway; bench --shared-gateway, 2026-12-07).
    emulator.setConfigDelay(1_000);
    const gateway = new Gateway(REGION, GW, { ...env(), pollMs: () => undefined });
    // Another process's write takes the gateway just before this one's, which is refused as busy: shared.
    const other = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
    try {
      await other.createVpnRouteEntry(route("10.99.0.0/16"));
      await looksAfter(gateway, "10.1.0.0/16"); // about a second learned
    } finally {
      other.destroy();
    }
    emulator.setConfigDelay(100);
    const took: number[] = [];
    for (let i = 2; i < 8; i++) {
      const started = Date.now();
      await looksAfter(gateway, `10.${i}.0.0/16`);
      took.push(Date.now() - started);
    }
    // Halved a write when the first look finds the gateway active: the fourth write waits about 125 ms
    // (1 s / 2^3) and some looks. At 25% a write it would wait 420 ms; at the 2% of a gateway alone, 940 ms.
    expect(took[0]).toBeGreaterThan(600);
    expect(took[3]).toBeLessThan(300);
  });

  describe("a gateway that got slower, after listings", () => {
    /** This process's writes, as the lifecycle makes them: each inside its destination's lock. */
    const ownWrite = async (gateway: Gateway, dest: string) => {
      const identity = { vpnGatewayId: GW, routeDest: dest, nextHop: VCO };
      return gateway.withDestination("dbr", identity, () => looksAfter(gateway, dest));
    };
    /** Writes at 30 ms, then 3 at 1 s: the looks each of those took. */
    const slowerAfter = async (gateway: Gateway, between: () => Promise<unknown>) => {
      await ownWrite(gateway, "10.1.0.0/16");
      await gateway.list(dbrApi, true);
      await between();
      await ownWrite(gateway, "10.2.0.0/16"); // 30 ms learned
      await gateway.list(dbrApi, true);
      emulator.setConfigDelay(1_000);
      const slow = [];
      for (const dest of ["10.3.0.0/16", "10.4.0.0/16", "10.5.0.0/16"])
        slow.push(await ownWrite(gateway, dest));
      return slow;
    };

    it("one whose listing showed another writer's route takes a longer wait for that writer's, not its own", async () => {
      const gateway = new Gateway(REGION, GW, { ...env(), pollMs: () => undefined });
      const other = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
      try {
        // The other's write applied before this process writes again: no write of it is refused as busy.
        const othersWrite = async () => {
          await other.createVpnRouteEntry(route("10.99.0.0/16"));
          await new Promise((resolve) => setTimeout(resolve, 100));
        };
        const slow = await slowerAfter(gateway, othersWrite);
        expect(emulator.requestLog().filter((e) => BUSY_CODES.includes(e.code ?? ""))).toEqual([]);
        // Shared: a wait past 1.5x the fastest is not learned (FOREIGN_WAIT_FACTOR); it looks through each one.
        expect(slow[2]).toBeGreaterThan(5);
      } finally {
        other.destroy();
      }
    });

    it("its own writes between two listings do not make it shared: it learns the longer time", async () => {
      const gateway = new Gateway(REGION, GW, { ...env(), pollMs: () => undefined });
      const slow = await slowerAfter(gateway, () => ownWrite(gateway, "10.9.0.0/16"));
      expect(slow[2]).toBeLessThanOrEqual(3);
    });
  });

  it("shares one listing between concurrent readers, and lists afresh after its own write", async () => {
    const gateway = new Gateway(REGION, GW, env());
    const listings = () => emulator.requestLog().filter((e) => e.action === "DescribeVpnRouteEntries").length;
    await Promise.all([gateway.list(dbrApi), gateway.list(dbrApi), gateway.list(dbrApi)]);
    expect(listings()).toBe(1);
    await gateway.write(() => client.createVpnRouteEntry(route("10.9.0.0/16")));
    const entries = (await gateway.list(dbrApi)) as ListedRoute[];
    expect(listings()).toBe(2);
    expect(entries.map((e) => e.RouteDest)).toContain("10.9.0.0/16");
  });

  it("a listing wait that never sees the route ends in a RouteWaitTimeoutError naming what it waited for", async () => {
    const gateway = new Gateway(REGION, GW, { ...env(), deadlineMs: () => 60 });
    const ref = { region: REGION, vpnGatewayId: GW, nextHop: VCO, routeDest: "10.7.0.0/16" };
    const wait = gateway.waitForRoute(dbrApi, ref, (e) => !!e, "route X to be listed");
    await expect(wait).rejects.toThrow(RouteWaitTimeoutError);
    await expect(wait).rejects.toThrow(
      "Timed out after 0 s waiting for route X to be listed (last seen: not listed). Run `pulumi refresh`",
    );
  });

  it("a gateway that does not exist lists as null", async () => {
    const gateway = new Gateway(REGION, "vpn-emu99999999999999999", env());
    expect(await gateway.list(dbrApi)).toBeNull();
  });
});

describe("nextExpectedApplyMs", () => {
  it("looks first when the look that found the gateway active was asked, when a fine poll before was busy", () => {
    expect(nextExpectedApplyMs(0, { lastBusyAfterMs: 1_000, activeSeenAfterMs: 1_010 })).toBe(1_010);
  });

  it("looks first where it last saw the gateway busy when the polls were coarse (a first write, a throttled look)", () => {
    expect(nextExpectedApplyMs(0, { lastBusyAfterMs: 990, activeSeenAfterMs: 1_640 })).toBe(990);
    // Busy at the first look (6 ms), then throttled until 2 s: half the bound, not 6 ms of polling from zero.
    expect(nextExpectedApplyMs(990, { lastBusyAfterMs: 6, activeSeenAfterMs: 2_000 })).toBe(1_000);
  });

  it("comes down halfway to where the gateway was last seen busy when the first look found it active", () => {
    // A wait learned from a look a throttle held back: 1,455 ms, where the gateway was busy at 458 ms.
    expect(nextExpectedApplyMs(1_455, { activeSeenAfterMs: 1_455 }, 458)).toBe(957);
    // Close to it: 2% down.
    expect(nextExpectedApplyMs(1_010, { activeSeenAfterMs: 1_010 }, 990)).toBe(990);
  });

  it("follows the gateway down when the first look already found it active", () => {
    expect(nextExpectedApplyMs(1_050, { activeSeenAfterMs: 4_000 })).toBe(1_029);
    expect(nextExpectedApplyMs(1_029, { activeSeenAfterMs: 1_029 })).toBe(1_008);
  });

  it("never waits longer than its cap before the first look", () => {
    expect(nextExpectedApplyMs(0, { lastBusyAfterMs: 299_990, activeSeenAfterMs: 300_000 })).toBe(30_000);
  });
});

describe("followUpPollMs", () => {
  it("polls a hundredth of the learned apply time, at least 10 ms, and 200 ms before anything is learned", () => {
    expect(followUpPollMs(0)).toBe(200);
    expect(followUpPollMs(400)).toBe(10);
    expect(followUpPollMs(1_000)).toBe(10);
    expect(followUpPollMs(10_000)).toBe(100);
  });
});

describe("RouteListings", () => {
  const entry = (n: number) => ({ RouteDest: `10.${n}.0.0/16` }) as ListedRoute;
  function setUp() {
    let now = 0;
    let calls = 0;
    const listings = new RouteListings(30_000, () => now);
    const fetch = async () => [entry(++calls)];
    return { listings, fetch, calls: () => calls, advance: (ms: number) => (now += ms) };
  }

  it("answers later reads from a read's listing while it is young enough", async () => {
    const { listings, fetch, calls, advance } = setUp();
    expect(await listings.list("dbr", fetch, false, false)).toEqual([entry(1)]);
    advance(29_000);
    expect(await listings.list("dbr", fetch, false, false)).toEqual([entry(1)]);
    advance(2_000);
    expect(await listings.list("dbr", fetch, false, false)).toEqual([entry(2)]);
    expect(calls()).toBe(2);
  });

  it("lists afresh after a write to the gateway, and for fresh callers, whose listings it does not keep", async () => {
    const { listings, fetch, calls } = setUp();
    await listings.list("dbr", fetch, false, false);
    listings.invalidate();
    expect(await listings.list("dbr", fetch, false, false)).toEqual([entry(2)]);
    expect(await listings.list("dbr", fetch, true, false)).toEqual([entry(3)]);
    expect(await listings.list("dbr", fetch, false, false)).toEqual([entry(2)]);
    expect(calls()).toBe(3);
  });

  it("keeps a confirmed write's effect for look-ups after own writes, but not for reads; drops the other kind", async () => {
    const { listings, fetch, calls } = setUp();
    await listings.list("dbr", fetch, false, false);
    await listings.list("pbr", fetch, false, false);
    listings.apply("dbr", (entries) => [...entries, entry(9)]);
    expect(await listings.list("dbr", fetch, false, true)).toEqual([entry(1), entry(9)]);
    expect(calls()).toBe(2);
    expect(await listings.list("pbr", fetch, false, true)).toEqual([entry(3)]);
    expect(await listings.list("dbr", fetch, false, false)).toEqual([entry(4)]);
  });

  it("never serves a listing that began before a write to a caller that comes after it", async () => {
    const { listings } = setUp();
    let release!: () => void;
    const slow = () => new Promise<ListedRoute[]>((resolve) => (release = () => resolve([entry(0)])));
    const before = listings.list("dbr", slow, false, false);
    listings.invalidate();
    const after = listings.list("dbr", async () => [entry(1)], false, false);
    release();
    expect(await before).toEqual([entry(0)]);
    expect(await after).toEqual([entry(1)]);
    expect(await listings.list("dbr", async () => [entry(2)], false, false)).toEqual([entry(1)]);
  });
});
