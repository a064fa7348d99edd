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
import { VirtualTime } from "../support/virtualTime";

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

/**
 * `calls` calls of key "k" (60 a minute) taken by the API at once, then a throttle: the first cut measures this
 * process's share as calls / 60 (the API's bucket, full at its first call, now spent), at measuredMargin.
 */
async function measuredShare(budget: CallBudget, calls: number, retryAfterMs = 1_000): Promise<number> {
  for (let i = 0; i < calls; i++) {
    await budget.take("k", 60, MINUTE);
    budget.taken("k");
  }
  budget.throttled("k", retryAfterMs);
  const share = Math.max(ADAPTIVE_PACE.minShare, (calls / 60) * ADAPTIVE_PACE.measuredMargin);
  expect(budget.shareOf("k")).toBeCloseTo(share, 9);
  return share;
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

test("concurrent callers are served in order, one interval apart", async () => {
  const time = new VirtualTime();
  const budget = new CallBudget(time.clock);
  for (let i = 0; i < 58; i++) await budget.take("k", 60, MINUTE);
  const waits = await time.run(Promise.all([1, 2, 3, 4].map(() => budget.take("k", 60, MINUTE))));
  expect(waits).toEqual([1_000, 2_000, 3_000, 4_000]);
});

test("a throttle answer holds back the key's next calls for retry-after, on top of the queue", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  // 30 of the 60 calls the API's bucket held: a share of 45%. Then 2 s of debt, and this call's own token.
  const share = await measuredShare(budget, 30, 2_000);
  expect(share).toBeCloseTo(0.45, 9);
  expect(await budget.take("k", 60, MINUTE)).toBe(Math.ceil(2_000 + 1_000 / share));
});

test("a wait says whether it keeps a throttle's debt or only the budget's own pacing", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  const told: [number, boolean][] = [];
  const take = () =>
    budget.take("k", 60, MINUTE, (waitMs, afterThrottle) => told.push([waitMs, afterThrottle]));
  const share = await measuredShare(budget, 48, 3_000);
  // The throttle's 3 s of debt, then this call's token (at 72% of one call a second): the throttle's wait.
  expect(await take()).toBe(Math.ceil(3_000 + 1_000 / share));
  // The debt is paid off: from here on the bucket refills from empty at the pace the throttle cut (one call
  // per 1/0.72 s): still the throttle's doing, not the documented limit's.
  for (let i = 0; i < 3; i++) await take();
  expect(told.map(([, afterThrottle]) => afterThrottle)).toEqual([true, true, true, true]);
  // Before any throttle, a wait is the budget's own pacing.
  const fresh = new CallBudget(clock);
  for (let i = 0; i < 60 - headroom(60); i++) await fresh.take("k", 60, MINUTE);
  const own: boolean[] = [];
  await fresh.take("k", 60, MINUTE, (_, afterThrottle) => own.push(afterThrottle));
  expect(own).toEqual([false]);
  for (const [waitMs] of told.slice(1)) expect(waitMs).toBe(Math.ceil(1_000 / share));
});

test("a call queued behind a wait that keeps a throttle's debt keeps it too, after the debt itself is paid", async () => {
  const time = new VirtualTime();
  const budget = new CallBudget(time.clock);
  const told: [number, boolean][] = [];
  const take = () =>
    budget.take("k", 60, MINUTE, (waitMs, afterThrottle) => told.push([waitMs, afterThrottle]));
  const share = await measuredShare(budget, 48, 1_000);
  // At 0 s a call queues behind the 1 s of debt (its token 1/0.72 s later, at the cut pace). At 1.5 s, the debt
  // paid, another call still queues behind that one: it waits because of the throttle, not the budget's own pace.
  const later = async () => {
    await time.clock.sleep(1_500);
    return take();
  };
  await time.run(Promise.all([take(), later()]));
  expect(told.map(([, afterThrottle]) => afterThrottle)).toEqual([true, true]);
  expect(told[0][0]).toBe(Math.ceil(1_000 + 1_000 / share));
});

test("the first throttle measures the process's share of the account's calls, and paces it", async () => {
  const { clock } = fakeClock();
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
  expect(await budget.take("k", 60, MINUTE)).toBe(Math.ceil(1_000 + 1_000 / share));
  expect(await budget.take("k", 60, MINUTE)).toBeGreaterThan(4_400);
});

test("later throttles cut the pace 0.8x, at most once per interval; it does not grow back by itself", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  const first = await measuredShare(budget, 40);
  // Within the interval after a cut (its debt paid), a throttle does not cut again: that answer is to a call
  // sent before the cut had its effect. It adds its debt only.
  await clock.sleep(1_500);
  budget.throttled("k", 1_000);
  expect(budget.shareOf("k")).toBeCloseTo(first, 9);
  // Past the interval and the debt, a throttle cuts the pace to 0.8x.
  await clock.sleep(ADAPTIVE_PACE.minCutIntervalMs);
  budget.throttled("k", 1_000);
  expect(budget.shareOf("k")).toBeCloseTo(first * ADAPTIVE_PACE.decrease, 9);
  // No throttle for almost as long as a probe waits: the pace stays where the throttles left it.
  await clock.sleep(ADAPTIVE_PACE.firstProbeMs - 1_000);
  await budget.take("k", 60, MINUTE);
  expect(budget.shareOf("k")).toBeCloseTo(first * ADAPTIVE_PACE.decrease, 9);
});

/**
 * A clock moved by the test only: a sleeper sleeps until the test ends, so a call that resolves went at once
 * (from the bucket's tokens, or as a probe's call).
 */
function standingClock() {
  let now = 5_000_000;
  return {
    advance: (ms: number) => void (now += ms),
    clock: { now: () => now, sleep: () => new Promise<void>(() => undefined) },
  };
}

/** Whether a call goes at once: it resolves before the next turn of the event loop. */
async function goesAtOnce(budget: CallBudget): Promise<boolean> {
  let went = false;
  void budget.take("k", 60, MINUTE).then(() => (went = true));
  await new Promise((resolve) => setImmediate(resolve));
  return went;
}

/** `calls` calls that each go at once (a probe's, one at a time) and that the API takes. */
async function probeCallsTaken(budget: CallBudget, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) {
    expect(await goesAtOnce(budget)).toBe(true);
    budget.taken("k");
  }
}

/** A budget whose pace was cut by a measure of `calls` of 60 calls, `firstProbeMs` later: its probe is due. */
async function probeDue(calls: number) {
  const { clock, advance } = standingClock();
  const budget = new CallBudget(clock);
  const share = await measuredShare(budget, calls);
  advance(ADAPTIVE_PACE.firstProbeMs);
  return { budget, share, advance };
}

test("a probe: its calls go at once, one at a time, outside the pace, until one is throttled; the pace grows by what the API took", async () => {
  const { clock, advance } = standingClock();
  const budget = new CallBudget(clock);
  const share = await measuredShare(budget, 40); // 60%
  // Calls queue at the process's pace, spending its bucket, until a probe is due.
  advance(ADAPTIVE_PACE.firstProbeMs - 1);
  while (await goesAtOnce(budget));
  expect(await goesAtOnce(budget)).toBe(false);
  advance(1);
  // Then a call goes at once, past the queue; one more, while it waits for its answer, queues.
  expect(await goesAtOnce(budget)).toBe(true);
  expect(await goesAtOnce(budget)).toBe(false);
  budget.taken("k");
  // The API takes 12 probe calls in all (the account's bucket had gathered them), then throttles one.
  await probeCallsTaken(budget, 11);
  expect(await goesAtOnce(budget)).toBe(true);
  budget.throttled("k", 1_000);
  // 12 calls taken while the probe lasted (no time passed: this process's own pace sent none of them), less
  // one for the bucket's fraction of a call: 11 calls gathered in the 30 s since the last throttle, 37% of the
  // limit left unspent. The pace grows by 80% of it; the probe's throttle does not cut.
  const unspent = 11 / ((60 / MINUTE) * ADAPTIVE_PACE.firstProbeMs);
  expect(budget.shareOf("k")).toBeCloseTo(share + unspent * ADAPTIVE_PACE.probeMargin, 9);
  // The probe is over: calls queue at the (new) pace again.
  expect(await goesAtOnce(budget)).toBe(false);
  // It found much (the others may be finishing): the next probe is due `firstProbeMs` after its throttle again.
  advance(ADAPTIVE_PACE.firstProbeMs - 1);
  while (await goesAtOnce(budget));
  advance(1);
  expect(await goesAtOnce(budget)).toBe(true);
});

test("a probe's call that got no answer (a lost connection) lets its next call go", async () => {
  const { budget } = await probeDue(30);
  while (await goesAtOnce(budget)); // the bucket the pace refilled, then the probe's first call
  expect(await goesAtOnce(budget)).toBe(false);
  budget.unanswered("k");
  expect(await goesAtOnce(budget)).toBe(true);
});

test("a probe the API throttles at once (the limit spent by the others) leaves the pace; the next waits longer", async () => {
  const { budget, share, advance } = await probeDue(30);
  expect(await goesAtOnce(budget)).toBe(true);
  budget.throttled("k", 1_000);
  expect(budget.shareOf("k")).toBeCloseTo(share, 9);
  // Not yet another probe (it found little: the interval grows): a throttle now is the pace's own, and cuts it.
  const next = Math.min(ADAPTIVE_PACE.probeEveryMs, ADAPTIVE_PACE.firstProbeMs * ADAPTIVE_PACE.probeGrowth);
  advance(next - 1);
  await budget.take("k", 60, MINUTE);
  budget.throttled("k", 1_000);
  expect(budget.shareOf("k")).toBeCloseTo(share * ADAPTIVE_PACE.decrease, 9);
});

test("a small first measure (a bucket a run just spent) probes early and takes the limit back", async () => {
  const { clock, advance } = standingClock();
  const budget = new CallBudget(clock);
  // Throttled at its first call: a share of nothing measured, the floor kept.
  await budget.take("k", 60, MINUTE);
  budget.throttled("k", 1_000);
  expect(budget.shareOf("k")).toBe(ADAPTIVE_PACE.minShare);
  advance(ADAPTIVE_PACE.earlyProbeMs);
  // Alone on the account: its bucket gathered a call a second, 5 in all; the probe's 6th call is throttled.
  await probeCallsTaken(budget, 5);
  expect(await goesAtOnce(budget)).toBe(true);
  budget.throttled("k", 1_000);
  const unspent = 4 / ((60 / MINUTE) * ADAPTIVE_PACE.earlyProbeMs);
  expect(budget.shareOf("k")).toBeCloseTo(ADAPTIVE_PACE.minShare + unspent * ADAPTIVE_PACE.probeMargin, 9);
  // A first measure of earlyProbeBelowShare or more (12 of 60 calls: 18%) waits the first probe interval.
  const measured = new CallBudget(clock);
  expect(await measuredShare(measured, 12)).toBeGreaterThanOrEqual(ADAPTIVE_PACE.earlyProbeBelowShare);
  advance(ADAPTIVE_PACE.earlyProbeMs);
  expect(await goesAtOnce(measured)).toBe(false);
});

test("a probe the API takes a whole bucket's worth of, none throttled, gives the whole limit back", async () => {
  const { budget } = await probeDue(30);
  await probeCallsTaken(budget, 60);
  expect(budget.shareOf("k")).toBe(1);
});

test("a throttle sends the calls already queued to the back, behind its debt, instead of at their old times", async () => {
  const time = new VirtualTime();
  const budget = new CallBudget(time.clock);
  for (let i = 0; i < 58; i++) await budget.take("k", 60, MINUTE);
  // Queued at 0 s for their tokens at 1 s and 2 s; the throttle comes at 0.5 s.
  const queued = Promise.all([budget.take("k", 60, MINUTE), budget.take("k", 60, MINUTE)]);
  const throttle = async () => {
    await time.clock.sleep(500);
    budget.throttled("k", 3_000);
  };
  const [waited] = await time.run(Promise.all([queued, throttle()]));
  // They wake at their old times, find the throttle, and queue again behind its 3 s of debt.
  for (const ms of waited) expect(ms).toBeGreaterThan(3_500);
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
