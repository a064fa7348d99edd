import { ApplyTimes } from "../../provider/lifecycle/applyTimes";
import { ListingCache } from "../../provider/lifecycle/listingCache";

describe("ApplyTimes", () => {
  it("waits nothing before it has seen a write apply on the gateway", () => {
    expect(new ApplyTimes(30_000, 0.9).expectedMs("gw")).toBe(0);
  });

  it("follows the gateway down when it was already active at the first look, and up when it was not", () => {
    const times = new ApplyTimes(30_000, 0.9);
    times.record("gw", 1_000, true);
    expect(times.expectedMs("gw")).toBe(900);
    times.record("gw", 1_100, false);
    expect(times.expectedMs("gw")).toBe(1_100);
    expect(times.expectedMs("other")).toBe(0);
  });

  it("never waits longer than its cap before the first look", () => {
    const times = new ApplyTimes(30_000, 0.9);
    times.record("gw", 300_000, false);
    expect(times.expectedMs("gw")).toBe(30_000);
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
