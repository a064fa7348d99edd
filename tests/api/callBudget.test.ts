/** The client's call budget: calls queue in order at the documented rate; a throttle answer drains it. */
import { budgetAccount, CallBudget, headroom, limitOf, parseRateLimits } from "../../provider/api/budget";
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
  // 2 s of debt at 10 calls/s, then this call's own token.
  expect(await budget.take("k", 600, MINUTE)).toBe(2_100);
});

test("a wait says whether it keeps a throttle's debt or only the budget's own pacing", async () => {
  const { clock } = fakeClock();
  const budget = new CallBudget(clock);
  const told: [number, boolean][] = [];
  const take = () =>
    budget.take("k", 60, MINUTE, (waitMs, afterThrottle) => told.push([waitMs, afterThrottle]));
  expect(await take()).toBe(0);
  budget.throttled("k", 3_000);
  // The throttle's 3 s of debt (at one call a second), then this call's token: the throttle's wait.
  expect(await take()).toBe(4_000);
  // The debt is paid off: from here on the bucket refills from empty, and a wait is the budget's own pacing.
  for (let i = 0; i < 3; i++) await take();
  expect(told).toEqual([
    [4_000, true],
    [1_000, false],
    [1_000, false],
    [1_000, false],
  ]);
});

test("a call queued behind a wait that keeps a throttle's debt keeps it too, after the debt itself is paid", async () => {
  let now = 0;
  const budget = new CallBudget({ now: () => now, sleep: () => new Promise((r) => setTimeout(r, 0)) });
  const told: [number, boolean][] = [];
  const take = () =>
    budget.take("k", 60, MINUTE, (waitMs, afterThrottle) => told.push([waitMs, afterThrottle]));
  expect(await take()).toBe(0);
  budget.throttled("k", 1_000);
  // At 0 s a call queues behind the 1 s of debt (its token at 2 s). At 1.5 s, the debt paid, another call still
  // queues behind that one (its token at 3 s): it waits because of the throttle, not the budget's own pace.
  const first = take();
  now = 1_500;
  await Promise.all([first, take()]);
  expect(told).toEqual([
    [2_000, true],
    [1_500, true],
  ]);
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
