import type { ListedRoute } from "../routes";
import type { RouteKind } from "../types";

interface Snapshot {
  generation: number;
  listedAt: number;
  entries: ListedRoute[];
  /** Changed since it was listed by this process's writes: current for its look-ups, not for reads. */
  written: boolean;
}

/**
 * One gateway's route listings (one per route kind), shared by reads. Concurrent callers share one paged
 * listing; a settled one keeps answering reads for `maxAgeMs`, because the engine's reads during a refresh
 * arrive a few at a time over seconds, and one listing of a 1,000-route gateway (20 pages) answers them all.
 * A write by this process whose outcome is known (a confirmed create) is applied to the kept listing, so the
 * next create's look-up on a gateway of 1,000 routes costs no request instead of 20 pages (`afterOwnWrites`,
 * at any age: a route created by others since shows up as the create's AlreadyExists); reads still list again
 * after a write, as they must report what the gateway holds. Any other write drops the listings. Callers that
 * must see the gateway as it is now (waits after a write, the look-up before a change) ask for a fresh one,
 * which is not kept.
 */
export class RouteListings {
  /** Bumped by every write to the gateway: older listings are never served after it. */
  private generation = 0;
  private readonly snapshots = new Map<RouteKind, Snapshot>();
  private readonly flights = new SingleFlight<ListedRoute[]>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  async list(
    kind: RouteKind,
    fetch: () => Promise<ListedRoute[]>,
    fresh: boolean,
    afterOwnWrites: boolean,
  ): Promise<ListedRoute[]> {
    const generation = this.generation;
    const snapshot = this.snapshots.get(kind);
    if (
      !fresh &&
      snapshot?.generation === generation &&
      (afterOwnWrites || (!snapshot.written && this.now() - snapshot.listedAt <= this.maxAgeMs))
    ) {
      return snapshot.entries;
    }
    const listedAt = this.now();
    const entries = await this.flights.do(`${kind}#${generation}`, fetch);
    // Only reads leave a listing behind for later reads: what a wait saw after a write says nothing about
    // changes made outside this process since, which a refresh is there to find.
    if (!fresh && this.generation === generation) {
      this.snapshots.set(kind, { generation, listedAt, entries, written: false });
    }
    return entries;
  }

  /** The gateway is changing, or another account or endpoint is configured: nothing listed before may answer. */
  invalidate(): void {
    this.generation++;
  }

  /**
   * A confirmed write of this process, applied to the kept listing of its kind (which keeps its age: what it
   * knows of other writers is as old as before). Listings still in flight started before the write and are
   * not kept; the other kind's listing is dropped.
   */
  apply(kind: RouteKind, change: (entries: ListedRoute[]) => ListedRoute[]): void {
    const before = this.generation;
    this.invalidate();
    const snapshot = this.snapshots.get(kind);
    if (snapshot?.generation !== before) return;
    this.snapshots.set(kind, {
      ...snapshot,
      generation: before + 1,
      entries: change(snapshot.entries),
      written: true,
    });
  }
}

/**
 * Concurrent callers of one key share one in-flight promise; nothing is cached once it settles, so the
 * next caller after that starts a fresh call.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  do(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = (async () => fn())().finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Keys with a call in flight. */
  get size(): number {
    return this.inFlight.size;
  }
}
