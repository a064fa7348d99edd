import { ApplyTimes, followUpPollMs } from "../../provider/lifecycle/applyTimes";
import { ListingCache } from "../../provider/lifecycle/listingCache";

describe("ApplyTimes", () => {
  it("waits nothing before it has seen a write apply on the gateway", () => {
    expect(new ApplyTimes(30_000, 0.9).expectedMs("gw")).toBe(0);
  });

  it("looks first when the look that found the gateway active was asked, when a fine poll before was busy", () => {
    const times = new ApplyTimes(30_000, 0.9);
    times.record("gw", { lastBusyAfterMs: 1_000, activeAskedAfterMs: 1_050 });
    expect(times.expectedMs("gw")).toBe(1_050);
    expect(times.expectedMs("other")).toBe(0);
  });

  it("looks first where it last saw the gateway busy when the polls were coarse (a first write, a throttled look)", () => {
    const times = new ApplyTimes(30_000, 0.9);
    times.record("gw", { lastBusyAfterMs: 990, activeAskedAfterMs: 1_640 });
    expect(times.expectedMs("gw")).toBe(990);
    // Busy at the first look (6 ms), then throttled until 2 s: half the bound, not 6 ms of polling from zero.
    times.record("gw", { lastBusyAfterMs: 6, activeAskedAfterMs: 2_000 });
    expect(times.expectedMs("gw")).toBe(1_000);
  });

  it("follows the gateway down when the first look already found it active", () => {
    const times = new ApplyTimes(30_000, 0.9);
    times.record("gw", { lastBusyAfterMs: 1_000, activeAskedAfterMs: 1_050 });
    times.record("gw", { activeAskedAfterMs: 4_000 }); // answered late or not: only the plan is learned
    expect(times.expectedMs("gw")).toBe(945);
    times.record("gw", { activeAskedAfterMs: 945 });
    expect(times.expectedMs("gw")).toBe(851);
  });

  it("never waits longer than its cap before the first look", () => {
    const times = new ApplyTimes(30_000, 0.9);
    times.record("gw", { lastBusyAfterMs: 299_990, activeAskedAfterMs: 300_000 });
    expect(times.expectedMs("gw")).toBe(30_000);
  });
});

describe("followUpPollMs", () => {
  it("polls a twentieth of the learned apply time, at least 50 ms, and 200 ms before anything is learned", () => {
    expect(followUpPollMs(0)).toBe(200);
    expect(followUpPollMs(400)).toBe(50);
    expect(followUpPollMs(1_000)).toBe(50);
    expect(followUpPollMs(10_000)).toBe(500);
  });
});

describe("ListingCache", () => {
  function setUp() {
    let now = 0;
    let calls = 0;
    const cache = new ListingCache(30_000, () => now);
    const fetch = async () => [++calls];
    return { cache, fetch, calls: () => calls, advance: (ms: number) => (now += ms) };
  }

  it("answers later reads from a read's listing while it is young enough", async () => {
    const { cache, fetch, calls, advance } = setUp();
    expect(await cache.list("gw", "dbr|gw", fetch, false)).toEqual([1]);
    advance(29_000);
    expect(await cache.list("gw", "dbr|gw", fetch, false)).toEqual([1]);
    advance(2_000);
    expect(await cache.list("gw", "dbr|gw", fetch, false)).toEqual([2]);
    expect(calls()).toBe(2);
  });

  it("lists afresh after a write to the gateway, and for fresh callers, whose listings it does not keep", async () => {
    const { cache, fetch, calls } = setUp();
    await cache.list("gw", "dbr|gw", fetch, false);
    cache.invalidate("gw");
    expect(await cache.list("gw", "dbr|gw", fetch, false)).toEqual([2]);
    expect(await cache.list("gw", "dbr|gw", fetch, true)).toEqual([3]);
    expect(await cache.list("gw", "dbr|gw", fetch, false)).toEqual([2]);
    expect(calls()).toBe(3);
  });

  it("never serves a listing that began before a write to a caller that comes after it", async () => {
    const { cache, calls } = setUp();
    let release!: () => void;
    const slow = () => new Promise<unknown[]>((resolve) => (release = () => resolve(["before"])));
    const before = cache.list("gw", "dbr|gw", slow, false);
    cache.invalidate("gw");
    const after = cache.list("gw", "dbr|gw", async () => ["after"], false);
    release();
    expect(await before).toEqual(["before"]);
    expect(await after).toEqual(["after"]);
    expect(await cache.list("gw", "dbr|gw", async () => ["again"], false)).toEqual(["after"]);
    expect(calls()).toBe(0);
  });
});
