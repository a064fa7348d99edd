/**
 * The call budget: Alibaba's per-API rate limits (calls per 60 s, counted per region, per API and per parent
 * account), kept inside this process so that calls wait their turn here instead of being throttled by the
 * API. A token bucket per (account, region, action) key, the documented figures, and
 * `alicloud-vpn:rateLimits` to change them.
 */
import { roleAccountId } from "./credentials/roles";
import { ConfigurationError } from "./errors";
import type { CredentialSpec } from "./types";

// ---- the bucket ----

/** The clock of a {@link CallBudget}, injectable so tests pin time. */
export interface BudgetClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

interface Bucket {
  /** The configured calls per period (the documented figure), from which share scales the two below. */
  perPeriod: number;
  periodMs: number;
  /**
   * The part of the account's limit this process allows itself, in (0, 1]: other processes of the account
   * spend the same limit, and only the API's throttle answers tell of them (see ADAPTIVE_PACE).
   */
  share: number;
  capacity: number;
  /** Tokens per millisecond. */
  refill: number;
  tokens: number;
  at: number;
  /** Tokens refilled since the bucket began, the capacity aside: what a queued call's token waits for. */
  refilled: number;
  /**
   * When the debt a throttle left (its x-acs-retry-after) is paid off: a wait taken before then keeps the
   * API's throttle, not only this budget's own pacing.
   */
  throttleDebtUntil: number;
  /** Calls of this key the API took (answered other than throttled), for the first cut's measure and probes. */
  admitted: number;
  /** This process's first call of the key. */
  createdAt: number;
  /** When the share was last cut (none yet: undefined). */
  cutAt?: number;
  /** The last throttle: the API's bucket was empty then, which a probe measures its slack from. */
  lastThrottleAt: number;
  /** How long after the last throttle the next probe is due (set by the first cut and each probe's end). */
  probeAfterMs: number;
  /** The probe under way. */
  probe?: Probe;
  /** Throttle answers so far: a call queued before one queues again (see take). */
  throttles: number;
  /** Until when the API asked this process to send nothing (the last throttle's x-acs-retry-after). */
  retryAfterUntil: number;
}

/** A probe of the account's limit (see ADAPTIVE_PACE): its calls go one at a time, outside the pace. */
interface Probe {
  at: number;
  /** The key's `admitted` when it began. */
  admittedAt: number;
  /** Calls sent; whether one is waiting for its answer. */
  sent: number;
  inFlight: boolean;
}

/**
 * Kept below the API's own bucket: the two start full at slightly different moments and count at send and
 * at arrival, so a budget equal to the API's could meet a throttle at the edge.
 */
export function headroom(perPeriod: number): number {
  return Math.max(1, Math.ceil(perPeriod * 0.02));
}

/** The burst a process allows itself while it has the whole limit: the API's bucket less headroom. */
function fullCapacity(perPeriod: number): number {
  return Math.max(1, perPeriod - headroom(perPeriod));
}

/**
 * How a process finds its part of an account's limit that other processes (other stacks' providers, other
 * tools) spend too, from the API's throttle answers alone (issue 27).
 *
 * The first throttle measures it: the API's bucket was full (as far as this process knows) at its first call
 * and is empty now, so this process's part of the calls the API admitted meanwhile is its share; the pace
 * drops to `measuredMargin` of that (never below `minShare`). Each later throttle cuts the pace to `decrease`
 * of what it was, at most once per `minCutIntervalMs` (the answers to calls sent before a cut do not cut again).
 *
 * The pace never grows by itself: a pace that grows while no throttle comes spends throttles in proportion to
 * how fast it grows, and the last process left when the others are done (the end of every shared run) still
 * grows too slowly to matter. Instead, a while after its last throttle, a process whose pace is cut probes:
 * it sends its calls at once, one at a time, outside its pace, until the API throttles one. What the
 * API took meanwhile, beyond this process's own pace, is what the account's bucket gathered since that last
 * throttle (when it was empty): the part of the limit the processes left unspent. The pace grows by
 * `probeMargin` of it. While the processes together spend the limit, a probe finds a call or two and costs one
 * throttle; once the others are done it finds the bucket refilled and takes the whole limit back at once.
 * The first probe comes `firstProbeMs` after the first cut; a probe that found less than `foundLittleShare` of
 * the limit unspent puts the next off `probeGrowth` times as long (up to `probeEveryMs`), one that found more
 * brings it back to `firstProbeMs` (the others may be finishing). So the last stack of a short run takes the
 * limit back within seconds of the others' end, and stacks that share a long run probe every 100 s. A first
 * measure below `earlyProbeBelowShare` probes after `earlyProbeMs` instead: this process took a few calls only,
 * so the bucket was most likely spent before it began (by a run that just ended), or many processes share it.
 *
 * Queued calls nap at most MAX_NAP_MS at a time, so that a probe due takes them too, and the pace it raised
 * serves them sooner.
 *
 * Tuned on tests/api/sharedAccountBudget.test.ts's simulation (the emulator's token bucket; 4 processes of 100
 * creates, the mean over 5 seeds to the account's bound, the worst part throttled): started together 1.06x,
 * 4.8%; 1 s apart 1.05x, 5%; 0 to 8 s apart on 2 gateways each 1.04x, 5%; 160/120/80/40 creates 1.02x,
 * 3.8%; a process alone after a run that spent the bucket 1.02x; 40/30/20/10 creates on one gateway each (a
 * short run, its last stack alone) 1.04x, 4%. Probing every 100 s from the first cut: 1.11x, 1.17x, 1.06x,
 * 1.1x, 1.04x and 2.35x, 3% to 4.8% throttled. A first probe after 10 s: 12% to 15% throttled; after 40 s:
 * 1.25x for the short run. A pace that grew back 0.03% of the limit a second instead: 1.12x, 1.31x, 1.26x, 1.43x
 * and 1.20x. Measured with `npm run bench -- --shared-account`.
 */
export const ADAPTIVE_PACE = {
  measuredMargin: 0.9,
  decrease: 0.8,
  minCutIntervalMs: 5_000,
  minShare: 0.05,
  probeEveryMs: 100_000,
  firstProbeMs: 30_000,
  probeGrowth: 4,
  foundLittleShare: 0.25,
  earlyProbeMs: 5_000,
  earlyProbeBelowShare: 0.15,
  probeMargin: 0.8,
} as const;

/** The longest a queued call sleeps before it looks whether its token came sooner (see take). */
const MAX_NAP_MS = 1_000;

/**
 * One budget of API calls per key (account, region, action) inside this process, so that calls wait their
 * turn here instead of being throttled by the API. A token bucket with reservations: each call takes a
 * token at once, possibly going into debt, and sleeps until its token would have been there, so waiters
 * are served in order without waking each other. Handwritten rather than npm's `limiter`, whose waits use
 * its own setTimeout and Date.now: this client's clock and sleep are injectable (tests pin them).
 */
export class CallBudget {
  private readonly buckets = new Map<string, Bucket>();

  /** An empty budget; each key's bucket starts full at its first call. */
  constructor(private readonly clock: BudgetClock) {}

  /**
   * Waits until the key's budget allows one more call (`perPeriod` calls per `periodMs`); returns the wait.
   * `beforeWait` learns of a wait before it starts (so a long one can be told while it lasts), and whether
   * it keeps a throttle the API answered rather than this budget's own pacing.
   */
  async take(
    key: string,
    perPeriod: number,
    periodMs: number,
    beforeWait?: (waitMs: number, afterThrottle: boolean) => void,
  ): Promise<number> {
    let waited = 0;
    for (;;) {
      const bucket = this.bucket(key, perPeriod, periodMs);
      if (this.probePass(bucket)) return waited;
      bucket.tokens -= 1;
      if (bucket.tokens >= 0) return waited;
      const waitMs = Math.ceil(-bucket.tokens / bucket.refill);
      const keepsDebt = bucket.at < bucket.throttleDebtUntil;
      // A call queued while the debt lasts holds back the calls behind it too: theirs are the throttle's waits.
      if (keepsDebt) bucket.throttleDebtUntil = Math.max(bucket.throttleDebtUntil, bucket.at + waitMs);
      // So is a wait at a pace the throttles cut (share < 1): they were told, not this wait.
      const afterThrottle = keepsDebt || bucket.share < 1;
      const throttles = bucket.throttles;
      beforeWait?.(waitMs, afterThrottle);
      // This call's token is there once the bucket has refilled what it owes; checked after naps of at most
      // MAX_NAP_MS, so that a probe, and the pace it raised, serve the calls already queued, not only new ones.
      const owed = bucket.refilled - bucket.tokens;
      for (let leftMs = waitMs; leftMs > 0;) {
        const nap = Math.min(leftMs, MAX_NAP_MS);
        await this.clock.sleep(nap);
        waited += nap;
        this.refillNow(bucket);
        // A probe due meanwhile sends this call at once (its token spent all the same: the probe measures
        // what the API takes beyond the pace).
        if (this.probePass(bucket)) return waited;
        // Its own schedule, or sooner if the pace grew meanwhile.
        leftMs = Math.min(leftMs - nap, Math.ceil((owed - bucket.refilled) / bucket.refill));
      }
      // A throttle answered meanwhile whose debt still lasts: this call's time was given before it, so it
      // queues again behind the debt rather than go now and be throttled too.
      const now = this.buckets.get(key);
      if (now && now.throttles !== throttles && this.clock.now() < now.retryAfterUntil) continue;
      return waited;
    }
  }

  /**
   * The API throttled a call of this key anyway (another process of the account, a lower limit than
   * documented): nothing more goes out for it until `retryAfterMs` has passed and the queue has drained, and
   * the key's pace is cut (ADAPTIVE_PACE, when `adapt`: the account's limit refused a write), once per
   * throttle: an answer that comes while the last one's debt lasts is to a call sent before the cut. A probe's
   * throttle ends the probe instead. Any other throttle says nothing of the account's bucket: the debt only.
   */
  throttled(key: string, retryAfterMs: number, adapt = true): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    this.refillNow(bucket);
    const sinceCut = bucket.cutAt === undefined ? Infinity : bucket.at - bucket.cutAt;
    const due = bucket.at >= bucket.retryAfterUntil && sinceCut >= ADAPTIVE_PACE.minCutIntervalMs;
    if (adapt) {
      if (bucket.probe) this.endProbe(bucket);
      else if (due) this.cut(bucket);
      bucket.lastThrottleAt = bucket.at;
    } else this.unanswered(key);
    // The debt comes before the calls queued so far; those whose time falls within it queue again (see take).
    // Answers to a burst of calls each say the same retry-after: they extend one debt, not add one each.
    const debtMs = bucket.at + retryAfterMs - Math.max(bucket.at, bucket.retryAfterUntil);
    bucket.tokens = Math.min(bucket.tokens, 0) - Math.max(0, debtMs) * bucket.refill;
    bucket.throttles++;
    bucket.retryAfterUntil = Math.max(bucket.retryAfterUntil, bucket.at + retryAfterMs);
    bucket.throttleDebtUntil = bucket.at + Math.ceil(-bucket.tokens / bucket.refill);
  }

  /** The API took a call of this key (any answer but a throttle): counted for the first cut's measure and probes. */
  taken(key: string): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    bucket.admitted++;
    const probe = bucket.probe;
    if (!probe) return;
    probe.inFlight = false;
    // A whole bucket's worth taken and none throttled: the others leave the account's limit unspent.
    if (probe.sent >= bucket.perPeriod) {
      bucket.probe = undefined;
      this.refillNow(bucket);
      this.setShare(bucket, 1);
    }
  }

  /** A call of this key got no answer of the account's limit (a lost connection, the service's own throttle): a probe's next call may go. */
  unanswered(key: string): void {
    const probe = this.buckets.get(key)?.probe;
    if (probe) probe.inFlight = false;
  }

  /**
   * The first throttle measures this process's share: the API's bucket was full (as far as this process
   * knows) at its first call and is empty now, so it admitted its limit plus the refill since, from every
   * process of the account; this process's part of those calls is its share. Later ones cut multiplicatively.
   */
  private cut(bucket: Bucket): void {
    let share = bucket.share * ADAPTIVE_PACE.decrease;
    if (bucket.cutAt === undefined) {
      const allowed = bucket.perPeriod * (1 + (bucket.at - bucket.createdAt) / bucket.periodMs);
      share = Math.min(bucket.share, bucket.admitted / allowed) * ADAPTIVE_PACE.measuredMargin;
      bucket.probeAfterMs =
        share < ADAPTIVE_PACE.earlyProbeBelowShare ? ADAPTIVE_PACE.earlyProbeMs : ADAPTIVE_PACE.firstProbeMs;
    }
    bucket.cutAt = bucket.at;
    this.setShare(bucket, Math.max(ADAPTIVE_PACE.minShare, share));
  }

  /**
   * A call of a probe goes at once, outside the pace, when one is due (ADAPTIVE_PACE); one at a time, so that
   * the bucket found empty throttles one call of this process, not one per gateway.
   */
  private probePass(bucket: Bucket): boolean {
    if (!bucket.probe && this.probeDue(bucket)) {
      bucket.probe = { at: bucket.at, admittedAt: bucket.admitted, sent: 0, inFlight: false };
    }
    const probe = bucket.probe;
    if (!probe || probe.inFlight || probe.sent >= bucket.perPeriod) return false;
    probe.sent++;
    probe.inFlight = true;
    return true;
  }

  private probeDue(bucket: Bucket): boolean {
    if (bucket.cutAt === undefined || bucket.share >= 1) return false;
    return bucket.at - bucket.lastThrottleAt >= bucket.probeAfterMs;
  }

  /**
   * What the API took while the probe lasted, less this process's own pace, is what the account's bucket
   * gathered since the last throttle: the part of the limit the processes left unspent, given to this one.
   */
  private endProbe(bucket: Bucket): void {
    const probe = bucket.probe;
    if (!probe) return;
    bucket.probe = undefined;
    const perMs = bucket.perPeriod / bucket.periodMs;
    const ownPace = bucket.share * perMs * (bucket.at - probe.at);
    // Less one call: the API's bucket holds fractions of a call, which a count of whole calls rounds up.
    const found = bucket.admitted - probe.admittedAt - ownPace - 1;
    const unspent = found / (perMs * Math.max(1, bucket.at - bucket.lastThrottleAt));
    if (unspent > 0) this.setShare(bucket, Math.min(1, bucket.share + unspent * ADAPTIVE_PACE.probeMargin));
    // Found little: the others still spend the limit, the next probe waits longer (an early one counts as the first).
    const longer = Math.max(ADAPTIVE_PACE.firstProbeMs, bucket.probeAfterMs) * ADAPTIVE_PACE.probeGrowth;
    const foundLittle = unspent < ADAPTIVE_PACE.foundLittleShare;
    bucket.probeAfterMs = foundLittle
      ? Math.min(ADAPTIVE_PACE.probeEveryMs, longer)
      : ADAPTIVE_PACE.firstProbeMs;
  }

  /** The part of the key's documented limit this process allows itself now (1 before any throttle). */
  shareOf(key: string): number {
    return this.buckets.get(key)?.share ?? 1;
  }

  private bucket(key: string, perPeriod: number, periodMs: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.perPeriod !== perPeriod || bucket.periodMs !== periodMs) {
      const at = this.clock.now();
      const capacity = fullCapacity(perPeriod);
      bucket = {
        perPeriod,
        periodMs,
        share: 1,
        capacity,
        refill: perPeriod / periodMs,
        tokens: capacity,
        at,
        refilled: 0,
        throttleDebtUntil: at,
        throttles: 0,
        retryAfterUntil: at,
        admitted: 0,
        createdAt: at,
        lastThrottleAt: at,
        probeAfterMs: ADAPTIVE_PACE.firstProbeMs, // read only after the first cut, which sets it
      };
      this.buckets.set(key, bucket);
    }
    this.refillNow(bucket);
    return bucket;
  }

  /** The pace and the burst follow the share; tokens already there stay, up to the new burst. */
  private setShare(bucket: Bucket, share: number): void {
    bucket.share = share;
    bucket.refill = (bucket.perPeriod * share) / bucket.periodMs;
    bucket.capacity = Math.max(1, fullCapacity(bucket.perPeriod) * share);
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens);
  }

  private refillNow(bucket: Bucket): void {
    const now = this.clock.now();
    const refilled = Math.max(0, now - bucket.at) * bucket.refill;
    bucket.refilled += refilled;
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + refilled);
    bucket.at = now;
  }
}

/** A call the budget holds back: which, where, under what limit, and for how long. */
export interface BudgetWait {
  /** The API action, e.g. `CreateVpnRouteEntry`. */
  action: string;
  /** The region the call goes to. */
  regionId: string;
  /** The limit the budget keeps to: calls per 60 s. */
  perMinute: number;
  /** How long the call waits, in ms. */
  waitMs: number;
  /** The wait keeps a throttle the API answered (x-acs-retry-after), not the budget's own pacing. */
  afterThrottle: boolean;
}

// ---- the limits ----

/**
 * Alibaba's per-API rate limits for the actions this client calls: calls per 60 s, counted per region, per
 * API and per parent account (VPN Gateway "API rate limits", `api-vpc-2016-04-28-quota-vpns`). The page's
 * rows for CreateVpnRouteEntry, DescribeVpnRouteEntries, DeleteVpnPbrRouteEntry and
 * ModifyVpnPbrRouteEntryPriority could not be read; they take their siblings' figures.
 */
export const RATE_LIMIT_PERIOD_MS = 60_000;

const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  CreateVpnRouteEntry: 60,
  DeleteVpnRouteEntry: 60,
  DescribeVpnRouteEntries: 600,
  ModifyVpnRouteEntryWeight: 120,
  PublishVpnRouteEntry: 60,
  CreateVpnPbrRouteEntry: 60,
  DeleteVpnPbrRouteEntry: 60,
  DescribeVpnPbrRouteEntries: 600,
  ModifyVpnPbrRouteEntryWeight: 120,
  ModifyVpnPbrRouteEntryPriority: 120,
  ModifyVpnPbrRouteEntryAttribute: 120,
  DescribeVpnGateway: 600,
};

/** What `alicloud-vpn:rateLimits` (or ALICLOUD_VPN_RATE_LIMITS) may say. */
export interface RateLimitSettings {
  /** No budget at all (calls go out as fast as they are made). */
  off: boolean;
  /** Multiplies every documented figure (an account whose limits Alibaba raised). */
  scale: number;
  /** Calls per 60 s for named actions, over the documented figure. */
  perMinute: Record<string, number>;
}

const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = { off: false, scale: 1, perMinute: {} };

/** `off`, or a JSON object `{ "scale": 2, "CreateVpnRouteEntry": 120 }`; absent: the documented figures. */
export function parseRateLimits(text: string | undefined, where: string): RateLimitSettings {
  if (text === undefined || text.trim() === "") return DEFAULT_RATE_LIMIT_SETTINGS;
  if (text.trim().toLowerCase() === "off") return { ...DEFAULT_RATE_LIMIT_SETTINGS, off: true };
  const expected = 'expected "off" or a JSON object such as {"scale": 2} or {"CreateVpnRouteEntry": 120}';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(where, expected);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigurationError(where, expected);
  }
  const settings: RateLimitSettings = { off: false, scale: 1, perMinute: {} };
  for (const [name, figure] of Object.entries(value)) {
    if (typeof figure !== "number" || !(figure > 0)) {
      throw new ConfigurationError(where, `"${name}" must be a positive number of calls per 60 s`);
    }
    if (name === "scale") settings.scale = figure;
    else settings.perMinute[name] = figure;
  }
  return settings;
}

/** Calls per 60 s the budget allows an action, or undefined when it is not limited. */
export function limitOf(action: string, settings: RateLimitSettings): number | undefined {
  if (settings.off) return undefined;
  const own = settings.perMinute[action];
  if (own !== undefined) return own;
  const documented = DOCUMENTED_RATE_LIMITS[action];
  return documented === undefined ? undefined : documented * settings.scale;
}

// ---- whose budget ----

/**
 * Whose budget a call spends: Alibaba counts per parent account. An assumed role names its account in its
 * ARN; a static key stands for its own account (two keys of one account in one process then have a budget
 * each: a throttle answer still slows them down). Anything else is keyed by where its credentials came from.
 */
export function budgetAccount(spec: CredentialSpec, source: string): string {
  switch (spec.kind) {
    case "static":
      return `key:${spec.credentials.accessKeyId}`;
    case "assumeRole":
      return roleAccount(spec.role.roleArn) ?? `source:${source}`;
    case "oidc":
      return roleAccount(spec.oidc.roleArn) ?? `source:${source}`;
    default:
      return `source:${source}`;
  }
}

function roleAccount(roleArn: string): string | undefined {
  const account = roleAccountId(roleArn);
  return account ? `account:${account}` : undefined;
}
