/** The client's call budget: calls queue in order at the documented rate; a throttle answer drains it. */
import {
  ADAPTIVE_PACE,
  budgetAccount,
  CallBudget,
  headroom,
  limitOf,
  parseRateLimits,
} from "../../provider/api/budget";
import { ConfigurationError } from "../../provider/api/errors";

const MINUTE = 60_000;

/** A clock that only moves when a sleeper sleeps, recording each wait. */
function fakeClock() {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
    },
  };
}

test("a burst up to the bucket (less headroom) goes at once, then one call per refill interval", async () => {
  const { clock, waits } = fakeClock();
  const budget = new CallBudget(clock);
  const capacity = 60 - headroom(60);
  for (let i = 0; i < capacity; i++) expect(await budget.take("k", 60, MINUTE)).toBe(0);
  expect(waits).toEqual([]);
  expect(await budget.take("k", 60, MINUTE)).toBe(1_000);
  expect(await budget.take("k", 60, MINUTE)).toBe(1_000);
  // Another key (another action, region or account) has its own bucket.
  expect(await budget.take("other", 60, MINUTE)).toBe(0);
});

test("concurrent callers are served in order, one interval apart, without waking each other", async () => {
  let now = 0;
  const budget = new CallBudget({
    now: () => now,
    sleep: (ms) =>
      new Promise((resolve) => setTimeout(resolve, 0)).then(() => void (now = Math.max(now, ms))),
  });
  for (let i = 0; i < 58; i++) await budget.take("k", 60, MINUTE);
  const waits = await Promise.all([1, 2, 3, 4].map(() => budget.take("k", 60, MINUTE)));
  expect(waits).toEqual([1_000, 2_000, 3_000, 4_000]);
});

test("a throttle answer holds back the key's next calls for retry-after, on top of the queue", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  expect(await budget.take("k", 600, MINUTE)).toBe(0);
  budget.throttled("k", 2_000);
  // The pace is cut (too few calls to measure a share by) to 80%: 2 s of debt at 8 calls/s, then this call's
  // own token, 1/8 s.
  expect(ADAPTIVE_PACE.decrease).toBe(0.8);
  expect(await budget.take("k", 600, MINUTE)).toBe(2_000 + 1_000 / 8);
});

test("a wait says whether it keeps a throttle's debt or only the budget's own pacing", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  const told: [number, boolean][] = [];
  const take = () =>
    budget.take("k", 60, MINUTE, (waitMs, afterThrottle) => told.push([waitMs, afterThrottle]));
  expect(await take()).toBe(0);
  budget.throttled("k", 3_000);
  // The throttle's 3 s of debt, then this call's token (at 80% of one call a second): the throttle's wait.
  expect(await take()).toBe(3_000 + 1_000 / 0.8);
  // The debt is paid off: from here on the bucket refills from empty at the pace the throttle cut (one call
  // per 1/0.8 s, growing back a little meanwhile): still the throttle's doing, not the documented limit's.
  for (let i = 0; i < 3; i++) await take();
  expect(told.map(([, afterThrottle]) => afterThrottle)).toEqual([true, true, true, true]);
  // Before any throttle, a wait is the budget's own pacing.
  const fresh = new CallBudget(clock);
  for (let i = 0; i < 60 - headroom(60); i++) await fresh.take("k", 60, MINUTE);
  const own: boolean[] = [];
  await fresh.take("k", 60, MINUTE, (_, afterThrottle) => own.push(afterThrottle));
  expect(own).toEqual([false]);
  for (const [waitMs] of told.slice(1)) {
    expect(waitMs).toBeGreaterThan(1_240);
    expect(waitMs).toBeLessThanOrEqual(1_250);
  }
});

test("a call queued behind a wait that keeps a throttle's debt keeps it too, after the debt itself is paid", async () => {
  let now = 0;
  const budget = new CallBudget({ now: () => now, sleep: () => new Promise((r) => setTimeout(r, 0)) });
  const told: [number, boolean][] = [];
  const take = () =>
    budget.take("k", 60, MINUTE, (waitMs, afterThrottle) => told.push([waitMs, afterThrottle]));
  expect(await take()).toBe(0);
  budget.throttled("k", 1_000);
  // At 0 s a call queues behind the 1 s of debt (its token 1/0.8 s later, at the cut pace). At 1.5 s, the debt
  // paid, another call still queues behind that one: it waits because of the throttle, not the budget's own pace.
  const first = take();
  now = 1_500;
  await Promise.all([first, take()]);
  expect(told.map(([, afterThrottle]) => afterThrottle)).toEqual([true, true]);
  expect(told[0][0]).toBe(1_000 + 1_000 / 0.8);
});

test("the first throttle measures the process's share of the account's calls, and paces it", async () => {
  const { clock, waits } = fakeClock();
  const budget = new CallBudget(clock);
  // 15 calls taken by the API; then, 1 s in, a throttle: the API's bucket (60, full at the first call, plus
  // 1 s of refill) is spent, 15 of 61 by this process. Its pace drops to 90% of that share.
  for (let i = 0; i < 15; i++) {
    await budget.take("k", 60, MINUTE);
    budget.taken("k");
  }
  await clock.sleep(1_000);
  budget.throttled("k", 1_000);
  const share = (15 / 61) * ADAPTIVE_PACE.measuredMargin;
  expect(budget.shareOf("k")).toBeCloseTo(share, 6);
  // Nothing goes until the debt (1 s) is paid; then one call every 1/share s, not one a second.
  waits.length = 0;
  await budget.take("k", 60, MINUTE);
  await budget.take("k", 60, MINUTE);
  expect(waits[0]).toBe(Math.ceil(1_000 + 1_000 / share));
  expect(waits[1]).toBeGreaterThan(4_400);
});

test("later throttles cut the pace 0.8x, at most once per interval; calm time grows it back to the whole limit", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  await budget.take("k", 60, MINUTE);
  budget.throttled("k", 1_000); // too few calls to measure: 0.8
  const first = ADAPTIVE_PACE.decrease;
  expect(budget.shareOf("k")).toBeCloseTo(first, 6);
  const growth = (ms: number) => (ADAPTIVE_PACE.growthPerSecond * ms) / 1_000;
  // Within the interval after a cut (its debt paid), a throttle does not cut again: that answer is to a call
  // sent before the cut had its effect. It adds its debt only.
  await clock.sleep(1_500);
  budget.throttled("k", 1_000);
  expect(budget.shareOf("k")).toBeCloseTo(first + growth(1_500), 6);
  // Past the interval and the debt, a throttle cuts the pace to 0.8x of what it has grown to.
  await clock.sleep(ADAPTIVE_PACE.minCutIntervalMs);
  budget.throttled("k", 1_000);
  const cut = (first + growth(1_500 + ADAPTIVE_PACE.minCutIntervalMs)) * ADAPTIVE_PACE.decrease;
  expect(budget.shareOf("k")).toBeCloseTo(cut, 6);
  // With no throttle for a minute, growthPerSecond a second; long enough, the whole limit again.
  await clock.sleep(MINUTE);
  await budget.take("k", 60, MINUTE);
  expect(budget.shareOf("k")).toBeCloseTo(cut + 60 * ADAPTIVE_PACE.growthPerSecond, 6);
  await clock.sleep((1 / ADAPTIVE_PACE.growthPerSecond) * 1_000);
  await budget.take("k", 60, MINUTE);
  expect(budget.shareOf("k")).toBe(1);
});

test("a throttle sends the calls already queued to the back, behind its debt, instead of at their old times", async () => {
  let now = 0;
  const sleepers: (() => void)[] = [];
  const budget = new CallBudget({
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => sleepers.push(() => ((now = Math.max(now, ms)), resolve()))),
  });
  for (let i = 0; i < 58; i++) await budget.take("k", 60, MINUTE);
  // Queued at 0 s for their tokens at 1 s and 2 s.
  const queued = [budget.take("k", 60, MINUTE), budget.take("k", 60, MINUTE)];
  await Promise.resolve();
  budget.throttled("k", 3_000);
  // They wake at their old times, find the throttle, and queue again behind its 3 s of debt.
  sleepers.splice(0).forEach((wake) => wake());
  await new Promise((resolve) => setImmediate(resolve));
  expect(sleepers).toHaveLength(2);
  sleepers.splice(0).forEach((wake) => wake());
  const waited = await Promise.all(queued);
  for (const ms of waited) expect(ms).toBeGreaterThan(3_000);
});

test("settings: documented by default, scaled, per action, off; bad text is a ConfigurationError", () => {
  const documented = parseRateLimits(undefined, "x");
  expect(limitOf("CreateVpnRouteEntry", documented)).toBe(60);
  expect(limitOf("DescribeVpnGateway", documented)).toBe(600);
  expect(limitOf("ModifyVpnPbrRouteEntryPriority", documented)).toBe(120);
  expect(limitOf("SomethingElse", documented)).toBeUndefined();
  const custom = parseRateLimits('{"scale": 2, "CreateVpnRouteEntry": 90}', "x");
  expect(limitOf("CreateVpnRouteEntry", custom)).toBe(90);
  expect(limitOf("DeleteVpnRouteEntry", custom)).toBe(120);
  expect(limitOf("CreateVpnRouteEntry", parseRateLimits("off", "x"))).toBeUndefined();
  expect(() => parseRateLimits("fast", "Pulumi config alicloud-vpn:rateLimits")).toThrow(ConfigurationError);
  expect(() => parseRateLimits('{"scale": -1}', "x")).toThrow(/"scale" must be a positive number/);
});

test("the budget is the parent account's: a role's account from its ARN, a static key its own", () => {
  const role = { roleArn: "acs:ram::1234567890:role/deployer", sessionName: "s", sessionExpiration: 3600 };
  const base = { kind: "static" as const, credentials: { accessKeyId: "LTAIa", accessKeySecret: "s" } };
  expect(budgetAccount({ kind: "assumeRole", base, role } as never, "x")).toBe("account:1234567890");
  expect(budgetAccount(base, "env")).toBe("key:LTAIa");
});
