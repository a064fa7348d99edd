/**
 * One account's limit spent by several processes: each process's CallBudget only learns of the others from
 * the API's throttle answers. Simulated on a pinned clock against the emulator's own token bucket (the API's
 * per-account limit), with each process writing as a provider does: one write in flight per gateway, a
 * throttled write retried after its x-acs-retry-after, the next write after the gateway's apply time.
 */
import { RATE_LIMIT_PERIOD_MS } from "../../emulator";
import { TokenBucket } from "../../emulator/rateLimits/tokenBucket";
import { CallBudget, headroom } from "../../provider/api/budget";

const LIMIT = 60; // CreateVpnRouteEntry per 60 s, per account and region
const KEY = "key:one-account\ncn-hangzhou\nCreateVpnRouteEntry";

/** A clock that moves only when every sleeper is asleep, to the earliest wake-up. */
class VirtualTime {
  now = 0;
  private timers: { at: number; wake: () => void }[] = [];
  readonly clock = {
    now: () => this.now,
    sleep: (ms: number) => new Promise<void>((wake) => this.timers.push({ at: this.now + ms, wake })),
  };

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.finally(() => (done = true)).catch(() => undefined);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) throw new Error("deadlock: nothing asleep and the work not done");
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }
}

interface Outcome {
  seconds: number;
  throttled: number;
  shares: number[];
}

/**
 * `processes` processes, each creating `writes` routes over `gateways` gateways of `applyMs`; or, with `spread`,
 * each process its own number of creates (`writesOf`), the k-th starting `apartMs` x k after the first.
 */
async function simulate(
  processes: number,
  writes: number,
  gateways = 4,
  applyMs = 300,
  spread: { writesOf?: number[]; apartMs?: number; seed?: number } = {},
): Promise<Outcome> {
  const time = new VirtualTime();
  const api = new TokenBucket(LIMIT, RATE_LIMIT_PERIOD_MS, 0);
  let throttled = 0;
  const budgets = Array.from({ length: processes }, () => new CallBudget(time.clock));
  const write = async (budget: CallBudget) => {
    for (;;) {
      await budget.take(KEY, LIMIT, RATE_LIMIT_PERIOD_MS);
      const answer = api.take(time.now);
      if (answer.ok) return budget.taken(KEY);
      throttled++;
      // The emulator's (and Alibaba's) x-acs-retry-after is whole seconds; the retry waits it out.
      const retryAfterMs = Math.max(1, Math.ceil(answer.waitMs / 1000)) * 1000;
      budget.throttled(KEY, retryAfterMs);
      await time.clock.sleep(retryAfterMs);
    }
  };
  // A gateway's apply time and the waits after it vary a little (±20%, seeded): in lockstep, the same
  // process would find the API's bucket empty every time.
  let seed = spread.seed ?? 27;
  const jitter = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 0.4 + 0.8;
  const lane = async (budget: CallBudget, count: number) => {
    for (let i = 0; i < count; i++) {
      await write(budget);
      await time.clock.sleep(Math.round(applyMs * jitter()));
    }
  };
  const work = Promise.all(
    budgets.map(async (budget, k) => {
      await time.clock.sleep(k * (spread.apartMs ?? 0));
      const own = spread.writesOf?.[k] ?? writes;
      await Promise.all(Array.from({ length: gateways }, () => lane(budget, own / gateways)));
    }),
  );
  await time.run(work);
  return { seconds: time.now / 1000, throttled, shares: budgets.map((b) => b.shareOf(KEY)) };
}

/** The account's bound: a full bucket at once, then one call per refill interval. */
const boundSeconds = (calls: number) => ((calls - LIMIT) * RATE_LIMIT_PERIOD_MS) / LIMIT / 1000;

test("one process alone keeps the whole limit: no throttle, its pace never cut", async () => {
  const out = await simulate(1, 200);
  expect(out.throttled).toBe(0);
  expect(out.shares).toEqual([1]);
  // Its own bucket keeps headroom below the API's: a little over the bound (and the last write's apply).
  expect(out.seconds).toBeLessThanOrEqual(((200 - LIMIT + headroom(LIMIT)) * 60) / LIMIT + 1);
});

test("four processes on one account's limit cut their pace on throttles and share it: few throttles, near the bound", async () => {
  // Without the adaptation (each process pacing itself at the whole limit): 368 throttles. With it: 9, 368 s.
  const out = await simulate(4, 100);
  // Each process was throttled and cut its pace below the whole limit...
  for (const share of out.shares) expect(share).toBeLessThan(1);
  // ...so together they stay near the account's limit: few throttle answers, close to its bound.
  expect(out.throttled).toBeLessThanOrEqual(0.05 * 400);
  expect(out.seconds).toBeLessThanOrEqual(1.2 * boundSeconds(400));
});

test("stacks started apart, or of different sizes, still converge, but lose more at the end", async () => {
  // Measured (worst of seeds 27, 5, 99): 1 s apart 1.76x the bound, 9% throttled; 160/120/80/40 creates 1.52x,
  // 1% throttled (docs/teams.md). A late stack measures a small part of the limit at its first throttle, and
  // whichever is left at the end takes the limit back slowly: only the API's throttles tell of the others.
  for (const seed of [27, 5, 99]) {
    const apart = await simulate(4, 100, 4, 300, { apartMs: 1_000, seed });
    expect(apart.throttled).toBeLessThanOrEqual(0.12 * 400);
    expect(apart.seconds).toBeLessThanOrEqual(1.8 * boundSeconds(400));
    const uneven = await simulate(4, 0, 4, 300, { writesOf: [160, 120, 80, 40], seed });
    expect(uneven.throttled).toBeLessThanOrEqual(0.05 * 400);
    expect(uneven.seconds).toBeLessThanOrEqual(1.6 * boundSeconds(400));
  }
});
