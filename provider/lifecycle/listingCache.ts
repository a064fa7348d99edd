import { SingleFlight } from "../api/singleFlight";

interface Snapshot {
  generation: number;
  listedAt: number;
  entries: unknown[];
  /** Changed since it was listed by this process's writes: current for its look-ups, not for reads. */
  written: boolean;
}

/**
 * Listings of gateways' routes, shared by reads. Concurrent callers share one paged listing; a settled one
 * keeps answering reads for `maxAgeMs`, because the engine's reads during a refresh arrive a few at a time
 * over seconds, and one listing of a 1,000-route gateway (20 pages) answers them all. A write by this
 * process whose outcome is known (a confirmed create) is applied to the kept listing, so the next create's
 * look-up on a gateway of 1,000 routes costs no request instead of 20 pages (`afterOwnWrites`, at any age:
 * a route created by others since shows up as the create's AlreadyExists); reads still list again after a
 * write, as they must report what the gateway holds. Any other write drops the
 * gateway's listings. Callers that must see the gateway as it is now (waits after a write, the look-up
 * before a change) ask for a fresh one, which is not kept.
 */
export class ListingCache {
  private readonly flights = new SingleFlight<unknown[]>();
  private readonly snapshots = new Map<string, Snapshot>();
  /** Bumped by every write to a gateway: older listings are never served after it. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  async list(
    gateway: string,
    key: string,
    fetch: () => Promise<unknown[]>,
    fresh: boolean,
    afterOwnWrites = false,
  ): Promise<unknown[]> {
    const generation = this.generationOf(gateway);
    const snapshot = this.snapshots.get(key);
    if (
      !fresh &&
      snapshot?.generation === generation &&
      (afterOwnWrites || (!snapshot.written && this.now() - snapshot.listedAt <= this.maxAgeMs))
    ) {
      return snapshot.entries;
    }
    const listedAt = this.now();
    const entries = await this.flights.do(`${key}#${generation}`, fetch);
    // Only reads leave a listing behind for later reads: what a wait saw after a write says nothing about
    // changes made outside this process since, which a refresh is there to find.
    if (!fresh && this.generationOf(gateway) === generation) {
      this.snapshots.set(key, { generation, listedAt, entries, written: false });
    }
    return entries;
  }

  /** Another account or endpoint: nothing listed so far applies. */
  clear(): void {
    for (const gateway of this.generations.keys()) this.invalidate(gateway);
    this.snapshots.clear();
  }

  /** The gateway is changing: nothing listed before now may answer a read. */
  invalidate(gateway: string): void {
    this.generations.set(gateway, this.generationOf(gateway) + 1);
  }

  /**
   * A confirmed write of this process, applied to the kept listing of `key` (which keeps its age: what it
   * knows of other writers is as old as before). Listings still in flight started before the write and are
   * not kept; other kinds' listings of the gateway are dropped.
   */
  apply(gateway: string, key: string, change: (entries: unknown[]) => unknown[]): void {
    const before = this.generationOf(gateway);
    this.invalidate(gateway);
    const snapshot = this.snapshots.get(key);
    if (snapshot?.generation !== before) return;
    this.snapshots.set(key, {
      ...snapshot,
      generation: before + 1,
      entries: change(snapshot.entries),
      written: true,
    });
  }

  private generationOf(gateway: string): number {
    return this.generations.get(gateway) ?? 0;
  }
}
