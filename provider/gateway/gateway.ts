/**
 * The unit that orders every write: a VPN gateway takes one change at a time (VpnGateway.Configuring
 * otherwise), lists its route table as a whole, and has its own apply time. One Gateway object per gateway and
 * provider process owns all of that: the write lock, the per-destination lock of a weight change, the shared
 * listings, the apply time learned from its writes, the waits (all on api/poll.ts), its tunnel mode, and the
 * routes the program declares on it.
 */
import { Mutex } from "async-mutex";
import type { VpcClient } from "../api/client";
import { CUSTOM_ROUTE_ENTRY_TYPE } from "../constants";
import { isNotFound, VpcApiError } from "../api/errors";
import { pollUntil } from "../api/poll";
import { RouteWaitTimeoutError } from "../errors";
import {
  ROUTE_APIS,
  destinationKey,
  findRoute,
  identityOf,
  scopeOf,
  type ListedRoute,
  type RouteApi,
  type RouteRef,
} from "../routes";
import type { RouteIdentity, RouteKind } from "../types";
import { DeclaredRoutes } from "./declaredRoutes";
import { RouteListings } from "./listings";

/** Polling of the route listing until it shows the requested state: from 1 s, growing 1.5x to 10 s. */
const LISTING_POLL = { firstMs: 1_000, growth: 1.5, maxMs: 10_000 };
/**
 * How long a listing keeps answering reads when this process has not written to the gateway since: long
 * enough for the engine's reads of one refresh, short enough that a later operation lists afresh.
 */
const LISTING_MAX_AGE_MS = 30_000;
/**
 * After a write, how often to ask the gateway whether it is active (intervals growing to 10 s): from 200 ms
 * by 1.2x before any write on the gateway has been timed (a 1 s write is seen done 74 ms late, where 1.5x
 * saw it 660 ms late, on the busiest gateway's path), then from a hundredth of the learned time (at least
 * 10 ms) by 1.25x: the first look comes at the learned time, and when it finds the gateway still busy, the
 * gateway is about done, so the next write waits a few ms rather than a twentieth of the time (measured
 * with 1 s writes: 37 ms a write over the apply time with 1/20, growing 1.1x).
 */
const FIRST_POLL_MS = 200;
const FIRST_POLL_GROWTH = 1.2;
const LEARNED_POLL_GROWTH = 1.25;
const POLL_FRACTION = 0.01;
const MIN_POLL_MS = 10;
/**
 * A throttled look lets the next write go at this multiple of the learned apply time (1.05 s for 1 s):
 * sooner, and a lost response's replay or a slower apply had the write refused as busy (measured: refusals
 * at 988 ms of a 1 s gateway), which costs a retry of up to a second.
 */
const RELEASE_MARGIN = 1.05;
/** After a busy refusal (another writer), the gateway is asked every this fraction of the learned apply time. */
const OTHER_WRITER_POLL_FRACTION = 0.25;
/** The longest learned apply time waited before the first look at the gateway. */
const MAX_EXPECTED_APPLY_MS = 30_000;
/** When the gateway was already active at the first look, the next wait is at most this fraction of it. */
const APPLY_TIME_SHRINK = 0.98;
/**
 * On a gateway another writer shares (see `shared`), a wait after a write may
 * include the other writer's changes, which take the gateway the moment it is active: such a wait, longer
 * than this multiple of the fastest one seen, teaches nothing of the gateway. Learned from, a stack kept from
 * the gateway by three others learned 1 to 2 s for a 300 ms gateway, and then slept that long after each of
 * its writes once it was alone (4 processes of 20 creates: 41.6 s for 24 s of writes; issue 27).
 */
const FOREIGN_WAIT_FACTOR = 1.5;
/**
 * There, a first look that finds the gateway active shrinks the next wait to at most this fraction: what
 * was learned may include another writer's changes, and the halfway rule would take it down 2% a write. Half:
 * a first wait that ran through three other stacks' writes learned 6 to 9 s for a 300 ms gateway, and 25% a
 * write took about 40 s to come down (4 stacks' create, 54.5 s for a 24 s bound; bench, 2026-12-07). Once
 * down, the first look mostly finds the gateway still busy, so this does not apply a write at a time.
 */
const SHARED_APPLY_TIME_SHRINK = 0.5;

/** What a gateway takes from its provider process: the API client, one clock, the wait settings. */
export interface GatewayEnv {
  client(): VpcClient;
  /** Milliseconds since the epoch; the client reads the same clock. */
  now(): number;
  /** Ends at once when the operation is cancelled. */
  sleep(ms: number): Promise<void>;
  /** The deadline of one wait. */
  deadlineMs(): number;
  /** A fixed first poll interval for every wait (tests). */
  pollMs(): number | undefined;
}

/** What one wait after a write saw of the gateway, in ms after the write's answer. */
export interface ApplyObservation {
  /** The last look that still found the gateway busy was answered this much later. */
  lastBusyAfterMs?: number;
  /** The gateway was seen active this much later (see GatewayWait.activeSeenAt). */
  activeSeenAfterMs: number;
}

/** How often to ask after a write: 200 ms before anything is learned, then a hundredth of the apply time. */
export function followUpPollMs(expectedMs: number): number {
  if (expectedMs <= 0) return FIRST_POLL_MS;
  return Math.max(MIN_POLL_MS, Math.round(expectedMs * POLL_FRACTION));
}

/**
 * The next wait before the first look after a write, learned from this one: the write took longer than the
 * last busy look B and at most until it was seen active, A. A and B one fine poll apart: the next first
 * look is at A (one look, if the gateway keeps its pace). Further apart (coarse early polls, a throttled look):
 * at B, or half of A if B was an early look, from where fine polls find it. Active at the first look: it may
 * have been done sooner, so the next wait is shorter: halfway down to the last time the gateway was seen
 * busy after a write (`busyBeforeMs`), at least 2% shorter. So a wait learned from a look that a throttle
 * held back (1.45 s for a 1 s gateway, measured) comes down in a write or two, where 2% a write took twenty,
 * and a gateway that got faster is followed down 2% a write. On a gateway another writer shares (`shared`),
 * at least half a write (see SHARED_APPLY_TIME_SHRINK).
 */
export function nextExpectedApplyMs(
  expectedMs: number,
  seen: ApplyObservation,
  busyBeforeMs?: number,
  shared = false,
): number {
  const { lastBusyAfterMs: busy, activeSeenAfterMs: active } = seen;
  let next: number;
  if (busy === undefined) {
    const halfway = busyBeforeMs === undefined ? 0 : (expectedMs - busyBeforeMs) / 2;
    const shrink = shared ? SHARED_APPLY_TIME_SHRINK : APPLY_TIME_SHRINK;
    next = expectedMs - Math.max(expectedMs * (1 - shrink), halfway);
  } else next = active - busy <= followUpPollMs(active) ? active : Math.max(busy, active / 2);
  return Math.min(MAX_EXPECTED_APPLY_MS, Math.round(next));
}

export class Gateway {
  /** The routes the program declares on this gateway (for a promotion that must reconfigure a sibling). */
  readonly declared = new DeclaredRoutes();
  private readonly writeLock = new Mutex();
  /** One weight change (its deletes, creates and modifies, planned from one listing) per destination at a time. */
  private readonly destinationLocks = new Map<string, { mutex: Mutex; users: number }>();
  private readonly listings: RouteListings;
  /** How long a write takes to apply here, learned as they happen (0: nothing learned yet). */
  private expectedApplyMs = 0;
  /** The last time a write was seen still applying, in ms after its answer (none seen yet: undefined). */
  private busyAfterMs?: number;
  /**
   * Another writer shares this gateway: a write of this process was refused as busy, or a listing showed a
   * custom route of a destination this process never touched change since the last one.
   */
  private shared = false;
  /** Destinations this process changes (see withDestination): their changes in a listing are its own. */
  private readonly ownDestinations = new Set<string>();
  /** Per route kind, the other destinations' custom routes as the last listing showed them. */
  private readonly othersLastListed = new Map<RouteKind, Map<string, string>>();
  /** The shortest wait after a write (ms after its answer until seen active): no write applied slower. */
  private fastestAppliedMs = Infinity;
  private dualTunnel?: Promise<boolean>;

  constructor(
    readonly region: string,
    readonly vpnGatewayId: string,
    private readonly env: GatewayEnv,
  ) {
    this.listings = new RouteListings(LISTING_MAX_AGE_MS, () => env.now());
  }

  get client(): VpcClient {
    return this.env.client();
  }

  /** The process's clock: ends at once when the operation is cancelled. */
  sleep(ms: number): Promise<void> {
    return this.env.sleep(ms);
  }

  /** Another account or endpoint was configured: nothing listed so far applies. */
  forgetListings(): void {
    this.listings.invalidate();
  }

  /** Runs `fn` with no other weight change, create or delete of this destination running in this process. */
  async withDestination<T>(kind: RouteKind, route: RouteIdentity, fn: () => Promise<T>): Promise<T> {
    const key = destinationKey(kind, route);
    this.ownDestinations.add(key);
    let lock = this.destinationLocks.get(key);
    if (!lock) this.destinationLocks.set(key, (lock = { mutex: new Mutex(), users: 0 }));
    lock.users++;
    try {
      return await lock.mutex.runExclusive(fn);
    } finally {
      // Dropped once idle, so the map does not grow with every destination ever changed.
      if (--lock.users === 0) this.destinationLocks.delete(key);
    }
  }

  /**
   * Runs one write under the gateway's lock and keeps the lock until the gateway is `active` again, so the
   * next write in this process starts only when it can succeed. `write` makes its call on the client it is
   * given: while that call waits out a throttle (refused, so the gateway is idle), the next write takes the
   * lock, and this one queues for it again (measured: about 12 of 50 creates a gateway throttled in the
   * faults scenario, each a second of idle gateway). `effect` says, from the write's answer, what it did to
   * the listing of its route kind; the kept listing is then updated instead of dropped (a write of unknown
   * effect drops it at once).
   */
  async write<T>(
    write: (client: VpcClient) => Promise<T>,
    effect?: {
      kind: RouteKind;
      change: (answer: T) => ((entries: ListedRoute[]) => ListedRoute[]) | undefined;
    },
  ): Promise<T> {
    let release = await this.writeLock.acquire();
    const client = this.client.withWriteWaits({
      whileThrottled: async (wait) => {
        release();
        try {
          await wait();
        } finally {
          release = await this.writeLock.acquire();
        }
      },
      // Keeping the turn: this process's next write would be refused as well.
      whileBusy: () => {
        this.shared = true;
        return this.waitForOtherWriter();
      },
    });
    if (!effect) this.listings.invalidate();
    let change: ((entries: ListedRoute[]) => ListedRoute[]) | undefined;
    try {
      const answer = await write(client);
      // A gateway active again, or presumed so (a look throttled when it should be done), has applied it.
      await this.waitUntilApplied(effect?.kind);
      change = effect?.change(answer);
      return answer;
    } finally {
      if (change && effect) this.listings.apply(effect.kind, change);
      else this.listings.invalidate();
      release();
    }
  }

  /**
   * After a busy refusal, another writer's change is applying (another stack's provider process on a shared
   * gateway): looks at the gateway at a steady pace, every quarter of the learned apply time (200 ms before any
   * write was timed), and returns once it is active, so the write goes again at once. The other writer may keep
   * the gateway for many writes in a row; the pace does not grow meanwhile, so the gateway idles at most about
   * one look once that writer is done. The backoff's full jitter (up to 1 s, then 2, 4...) left it idle for
   * seconds (measured before: two stacks failing over 40 destinations each on one gateway took 2.3x the
   * gateway's time for their writes). A throttled look releases the write after the learned time: it is
   * retried anyway if still refused.
   */
  private async waitForOtherWriter(): Promise<void> {
    const expected = this.expectedApplyMs;
    await this.client.waitForGatewayActive(this.scope, {
      pollMs:
        this.env.pollMs() ??
        (expected > 0 ? Math.max(MIN_POLL_MS, expected * OTHER_WRITER_POLL_FRACTION) : FIRST_POLL_MS),
      pollGrowth: 1,
      releaseOnThrottleAfter: this.env.now() + Math.max(expected, FIRST_POLL_MS),
    });
  }

  /**
   * Waits the learned apply time, then polls the gateway until it is active again, or, when a look is
   * throttled, until a little after the learned time, when it is presumed active. The polls are a small
   * fraction of the apply time (a 1 s gateway is asked 10 ms after a busy look, a 10 s one 100 ms after): the
   * next write waits on this, so a coarse poll costs every write on the gateway.
   */
  private async waitUntilApplied(kind?: RouteKind): Promise<void> {
    const answeredAt = this.env.now();
    const expected = this.expectedApplyMs;
    // On a shared gateway what was learned may include other writers' changes. The first look comes at it, or
    // at the fastest wait seen when that is shorter; the looks go on at a quarter of it, and a first look that
    // finds the gateway active halves it (SHARED_APPLY_TIME_SHRINK), so a time learned too long comes
    // down in a few writes. (A first look at a quarter took 4 to 5 looks a write: two stacks failing over
    // together spent the account's DescribeVpnGateway limit, 600 a minute, in 38 s; 2026-12-07.)
    const sharedPollMs = Math.max(MIN_POLL_MS, expected * OTHER_WRITER_POLL_FRACTION);
    const shared = this.shared && expected > 0 && this.env.pollMs() === undefined;
    await this.env.sleep(shared ? Math.min(expected, this.fastestAppliedMs) : expected);
    // A throttled look (1 s x-acs-retry-after) does not hold the next write back past the time the gateway
    // should be done: it most likely is, and a write that finds it busy is retried anyway.
    const seen = await this.client.waitForGatewayActive(this.scope, {
      pollMs: shared ? sharedPollMs : (this.env.pollMs() ?? followUpPollMs(expected)),
      pollGrowth: shared ? 1 : expected <= 0 ? FIRST_POLL_GROWTH : LEARNED_POLL_GROWTH,
      // Past the learned time, another writer may hold the gateway: looks as often as waitForOtherWriter's, so
      // the next write goes soon after the gateway is free, not up to 10 s later.
      // Before anything is learned, at a steady FIRST_POLL_MS: grown to seconds, the first look to find the
      // gateway active could come after several other writers' changes, all learned as this write's.
      maxPollMs: expected > 0 ? Math.max(MIN_POLL_MS, expected * OTHER_WRITER_POLL_FRACTION) : FIRST_POLL_MS,
      // A little after the learned time, which is shrunk now and then to see whether the gateway got faster.
      // Before anything is learned, at once: a look the API held back a second says nothing of the gateway and
      // would be learned as apply time (several seconds, with four processes looking at one gateway).
      releaseOnThrottleAfter: expected > 0 ? answeredAt + expected * RELEASE_MARGIN : answeredAt,
    });
    if (seen.throttled) return; // nothing learned of the gateway
    const activeSeenAfterMs = seen.activeSeenAt - answeredAt;
    // Not known shared, the first wait may have run through another writer's changes (another stack's, each
    // taking the gateway the moment it was active): a listing shows them if so. Only the first: later waits
    // longer than learned are also a few ms of timers on a fast gateway, and a listing of 1,000 routes is 20 pages.
    const firstWait = this.fastestAppliedMs === Infinity;
    if (!this.shared && kind && firstWait && (await this.otherWritersListed(kind))) return;
    this.fastestAppliedMs = Math.min(this.fastestAppliedMs, activeSeenAfterMs);
    // On a shared gateway, another writer's changes after this one: nothing learned of the gateway
    // (FOREIGN_WAIT_FACTOR). Alone on it, a longer wait is the gateway's own: it got slower.
    if (this.shared && activeSeenAfterMs > this.fastestAppliedMs * FOREIGN_WAIT_FACTOR) return;
    const lastBusyAfterMs = seen.lastBusyAt === undefined ? undefined : seen.lastBusyAt - answeredAt;
    this.expectedApplyMs = nextExpectedApplyMs(
      expected,
      { lastBusyAfterMs, activeSeenAfterMs },
      this.busyAfterMs,
      this.shared,
    );
    this.busyAfterMs = lastBusyAfterMs ?? this.busyAfterMs;
  }

  /**
   * The gateway's routes of one kind (shared, see RouteListings), `null` when the gateway itself is gone.
   * `fresh`: a listing that starts now, for callers that must see the gateway as it is now; `afterOwnWrites`:
   * a kept listing that this process's own writes have changed since will do.
   */
  async list(api: RouteApi, fresh = false, afterOwnWrites = false): Promise<ListedRoute[] | null> {
    try {
      const entries = await this.listings.list(
        api.kind,
        () => api.list(this.client, this.scope),
        fresh,
        afterOwnWrites,
      );
      this.noticeOtherWriters(api.kind, entries);
      return entries;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /**
   * A custom route of a destination this process does not change that differs from the last listing: another
   * writer (another stack's provider process) is changing the gateway now, though none of this process's writes
   * met one of its changes. Such a process took the other writers' changes for its own apply time, a little
   * more each write (4 stacks failing over on a 300 ms gateway: one learned 4.6 s, 160 s for a 60 s bound).
   * Routes BGP learns are not custom and change without any writer.
   */
  private noticeOtherWriters(kind: RouteKind, entries: ListedRoute[]): void {
    if (this.shared) return;
    const now = new Map<string, string>();
    for (const e of entries) {
      if ((e.RouteEntryType ?? CUSTOM_ROUTE_ENTRY_TYPE) !== CUSTOM_ROUTE_ENTRY_TYPE) continue;
      const key = destinationKey(kind, identityOf(this.vpnGatewayId, e));
      if (this.ownDestinations.has(key)) continue;
      const route = `${e.NextHop}|${e.Weight}|${e.State}|${e.CreateTime}`;
      now.set(key, [now.get(key), route].filter(Boolean).sort().join(","));
    }
    const last = this.othersLastListed.get(kind);
    this.othersLastListed.set(kind, now);
    if (!last) return;
    // Only destinations still not this process's at both listings: one it began changing since is its own.
    for (const key of new Set([...now.keys(), ...last.keys()])) {
      if (!this.ownDestinations.has(key) && now.get(key) !== last.get(key)) this.shared = true;
    }
  }

  /**
   * Lists the gateway's routes of one kind now, for noticeOtherWriters only (the listings this process reads
   * stay as they are: they already hold its own write). Says whether another writer is known now. A stack whose
   * first write came first among four on a 300 ms gateway waited 28 s through the others' writes, learned
   * 4.5 s, and then wrote its last 12 routes 4.5 s apart (80 s for a 24 s bound; 2026-12-08).
   */
  private async otherWritersListed(kind: RouteKind): Promise<boolean> {
    try {
      this.noticeOtherWriters(kind, await ROUTE_APIS[kind].list(this.client, this.scope));
    } catch (err) {
      if (!(err instanceof VpcApiError)) throw err; // a cancelled wait; an API error tells nothing here
    }
    return this.shared;
  }

  /** The route's entry, `undefined` when it is not listed, `null` when the gateway itself is gone. */
  async lookUp(api: RouteApi, route: RouteIdentity, fresh = false): Promise<ListedRoute | undefined | null> {
    const entries = await this.list(api, fresh);
    return entries && findRoute(api.kind, entries, route);
  }

  /**
   * Polls the listing until `done` accepts the route's entry (or its absence: `undefined`; a gone gateway is
   * `null`). Writes are asynchronous: the gateway turning `active` is not proof that the listing shows the change.
   */
  waitForRoute(
    api: RouteApi,
    route: RouteRef,
    done: (entry: ListedRoute | undefined | null) => boolean,
    what: string,
    /** A shorter wait than the operation's deadline, ending in this error (given the last entry seen). */
    limit?: { ms: number; error: (last: ListedRoute | undefined | null) => Error },
  ): Promise<ListedRoute | undefined | null> {
    const deadlineMs = this.env.deadlineMs();
    const pollMs = this.env.pollMs();
    return pollUntil(() => this.lookUp(api, route, true), done, {
      schedule: pollMs === undefined ? LISTING_POLL : { ...LISTING_POLL, firstMs: pollMs },
      deadlineAt: this.env.now() + (limit?.ms ?? deadlineMs),
      now: () => this.env.now(),
      sleep: (ms) => this.env.sleep(ms),
      timeout: (last) => (limit ? limit.error(last) : new RouteWaitTimeoutError(what, deadlineMs, last)),
    });
  }

  /**
   * Whether the gateway is in dual-tunnel mode (DescribeVpnGateway reports a DisasterRecoveryVSwitchId), asked
   * once: there Modify*Weight succeeds and keeps the old weight (Alibaba's reference for
   * ModifyVpnRouteEntryWeight, January 2026), so a weight changes only by replacing the route. A gateway's mode
   * is fixed when it is created.
   */
  isDualTunnel(): Promise<boolean> {
    this.dualTunnel ??= this.client.describeVpnGateway(this.scope).then(
      (gateway) => !!gateway.DisasterRecoveryVSwitchId,
      (err: unknown) => {
        this.dualTunnel = undefined; // asked again next time
        throw err;
      },
    );
    return this.dualTunnel;
  }

  private get scope() {
    return scopeOf(this);
  }
}

/** The gateways one provider process has met, one object each. */
export class Gateways {
  private readonly gateways = new Map<string, Gateway>();

  constructor(private readonly env: GatewayEnv) {}

  get(region: string, vpnGatewayId: string): Gateway {
    const key = `${region}|${vpnGatewayId}`;
    let gateway = this.gateways.get(key);
    if (!gateway) this.gateways.set(key, (gateway = new Gateway(region, vpnGatewayId, this.env)));
    return gateway;
  }

  /** Another account or endpoint: nothing listed so far applies (locks and what was learned stay). */
  forgetListings(): void {
    for (const gateway of this.gateways.values()) gateway.forgetListings();
  }

  /** A new API endpoint (tests start an emulator per case): nothing known of any gateway holds. */
  clear(): void {
    this.gateways.clear();
  }
}
