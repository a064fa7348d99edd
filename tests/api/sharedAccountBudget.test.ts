/**
 * One account's limit spent by several processes: each process's CallBudget only learns of the others from
 * the API's throttle answers. Simulated on a pinned clock against the emulator's own token bucket (the API's
 * per-account limit), with each process writing as a provider does: one write in flight per gateway, a
 * throttled write retried after its x-acs-retry-after, the next write after the gateway's apply time.
 */
import { RATE_LIMIT_PERIOD_MS } from "../../emulator";
import { TokenBucket } from "../../emulator/rateLimits/tokenBucket";
import { CallBudget, headroom } from "../../provider/api/budget";
import { VirtualTime } from "../support/virtualTime";

const LIMIT = 60; // CreateVpnRouteEntry per 60 s, per account and region
const KEY = "key:one-account\ncn-hangzhou\nCreateVpnRouteEntry";

interface Outcome {
  seconds: number;
  /** To the account's bound: a full bucket at once (none if spent), then one call per refill interval. */
  ratio: number;
  /** Throttle answers, as a part of the creates. */
  throttledPart: number;
  shares: number[];
}

interface Spread {
  /** Each process's own number of creates. */
  writesOf?: number[];
  /** The k-th process starts apartMs x k after the first, or at startsMs[k]. */
  apartMs?: number;
  startsMs?: number[];
  /** The account's bucket spent at the start (a run that just ended). */
  spent?: boolean;
  seed?: number;
}

/** `processes` processes, each creating `writes` routes (or `writesOf`) over `gateways` gateways of `applyMs`. */
async function simulate(
  processes: number,
  writes: number,
  gateways = 4,
  applyMs = 300,
  spread: Spread = {},
): Promise<Outcome> {
  const time = new VirtualTime();
  const api = new TokenBucket(LIMIT, RATE_LIMIT_PERIOD_MS, 0);
  if (spread.spent) for (let i = 0; i < LIMIT; i++) api.take(0);
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
  const writesOf = spread.writesOf ?? budgets.map(() => writes);
  const work = Promise.all(
    budgets.map(async (budget, k) => {
      await time.clock.sleep(spread.startsMs?.[k] ?? k * (spread.apartMs ?? 0));
      await Promise.all(Array.from({ length: gateways }, () => lane(budget, writesOf[k] / gateways)));
    }),
  );
  await time.run(work);
  const creates = writesOf.reduce((a, b) => a + b, 0);
  // The account's bound: a full bucket at once (none if spent), then one call per refill interval.
  const boundSeconds = ((creates - (spread.spent ? 0 : LIMIT)) * RATE_LIMIT_PERIOD_MS) / LIMIT / 1000;
  return {
    seconds: time.now / 1000,
    ratio: time.now / 1000 / boundSeconds,
    throttledPart: throttled / creates,
    shares: budgets.map((b) => b.shareOf(KEY)),
  };
}

const SEEDS = [27, 5, 99, 1, 2];

/** The mean and worst ratio to the account's bound, and the worst part throttled, over SEEDS. */
async function overSeeds(run: (seed: number) => Promise<Outcome>) {
  const outcomes: Outcome[] = [];
  for (const seed of SEEDS) outcomes.push(await run(seed));
  const ratios = outcomes.map((o) => o.ratio);
  return {
    mean: ratios.reduce((a, b) => a + b, 0) / ratios.length,
    worst: Math.max(...ratios),
    throttled: Math.max(...outcomes.map((o) => o.throttledPart)),
  };
}

test("one process alone keeps the whole limit: no throttle, its pace never cut", async () => {
  const out = await simulate(1, 200);
  expect(out.throttledPart).toBe(0);
  expect(out.shares).toEqual([1]);
  // Its own bucket keeps headroom below the API's: a little over the bound (and the last write's apply).
  expect(out.seconds).toBeLessThanOrEqual(((200 - LIMIT + headroom(LIMIT)) * 60) / LIMIT + 1);
});

test("four processes on one account's limit share it: few throttles, near the bound, however they start", async () => {
  // Without the adaptation (each process pacing itself at the whole limit): 368 of 400 creates throttled.
  // Measured (mean and worst of 5 seeds, worst part throttled): together 1.06x/1.08x, 4.8%; 1 s apart
  // 1.05x/1.17x, 5%; 0, 2.5, 5 and 8 s apart on 2 gateways each (as `npm run bench -- --shared-account`
  // runs them) 1.04x/1.07x, 5%. With a pace that grew back 0.03% of the limit a second instead of probing:
  // 1.12x, 1.31x and 1.26x on average, worst 1.76x, up to 10% throttled.
  const together = await overSeeds((seed) => simulate(4, 100, 4, 300, { seed }));
  const apart = await overSeeds((seed) => simulate(4, 100, 4, 300, { apartMs: 1_000, seed }));
  const staggered = await overSeeds((seed) =>
    simulate(4, 100, 2, 300, { startsMs: [0, 2_500, 5_000, 8_000], seed }),
  );
  for (const out of [together, apart, staggered]) {
    expect(out.mean).toBeLessThanOrEqual(1.2);
    expect(out.worst).toBeLessThanOrEqual(1.25);
    expect(out.throttled).toBeLessThanOrEqual(0.05);
  }
});

test("the last process left takes the limit back: stacks of different sizes finish near the bound", async () => {
  // Measured: 160, 120, 80 and 40 creates 1.02x on average, worst 1.03x, 3.8% throttled (was 1.43x, 1.52x).
  const out = await overSeeds((seed) => simulate(4, 0, 4, 300, { writesOf: [160, 120, 80, 40], seed }));
  expect(out.mean).toBeLessThanOrEqual(1.15);
  expect(out.worst).toBeLessThanOrEqual(1.2);
  expect(out.throttled).toBeLessThanOrEqual(0.05);
});

test("a short run: the last stack left takes the limit back within seconds, not a probe interval", async () => {
  // 40, 30, 20 and 10 creates on one gateway each (as stacks on one hub gateway write): 1.04x on average, worst
  // 1.08x, 4% throttled. Probing every 100 s from the first cut, the last stack kept its cut pace to the end:
  // 2.35x (its first probe would have come after the run; 4 stacks on one gateway: 80 s for a 24 s bound).
  const out = await overSeeds((seed) => simulate(4, 0, 1, 300, { writesOf: [40, 30, 20, 10], seed }));
  expect(out.mean).toBeLessThanOrEqual(1.15);
  expect(out.throttled).toBeLessThanOrEqual(0.05);
});

test("a process that starts on a bucket a run just spent probes early and takes the limit back", async () => {
  // Throttled at its first call, it measures no share (the floor, 5%); its probe 5 s later finds the bucket
  // gathered a call a second and takes most of the limit back: 1.04x the bound (was 1.20x: 80% of the limit,
  // grown back 0.03% a second).
  const out = await overSeeds((seed) => simulate(1, 200, 4, 300, { spent: true, seed }));
  expect(out.worst).toBeLessThanOrEqual(1.05);
  expect(out.throttled).toBeLessThanOrEqual(0.03);
});

test("eight processes: each probe costs a throttle, so more processes cost more of them", async () => {
  // Measured: 8 processes of 48 creates 1.15x on average, worst 1.22x, 10.4% throttled (was 1.31x, 38%: a
  // first throttle from fewer than 10 calls cut to 80% instead of measuring).
  const out = await overSeeds((seed) => simulate(8, 48, 4, 300, { seed }));
  expect(out.mean).toBeLessThanOrEqual(1.25);
  expect(out.throttled).toBeLessThanOrEqual(0.11);
});
