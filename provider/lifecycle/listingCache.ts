import { SingleFlight } from "../api/singleFlight";

interface Snapshot {
  generation: number;
  listedAt: number;
  entries: unknown[];
}

/**
 * Listings of gateways' routes, shared by reads. Concurrent callers share one paged listing; a settled one
 * keeps answering reads for `maxAgeMs`, because the engine's reads during a refresh arrive a few at a time
 * over seconds, and one listing of a 1,000-route gateway (20 pages) answers them all. A write by this
 * process to the gateway drops its listings at once, and callers that must see the gateway as it is now
 * (waits after a write, the look-up before a write) ask for a fresh one, which is not kept.
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
  ): Promise<unknown[]> {
    const generation = this.generationOf(gateway);
    const snapshot = this.snapshots.get(key);
    if (!fresh && snapshot?.generation === generation && this.now() - snapshot.listedAt <= this.maxAgeMs) {
      return snapshot.entries;
    }
    const listedAt = this.now();
    const entries = await this.flights.do(`${key}#${generation}`, fetch);
    // Only reads leave a listing behind for later reads: what a wait saw after a write says nothing about
    // changes made outside this process since, which a refresh is there to find.
    if (!fresh && this.generationOf(gateway) === generation) {
      this.snapshots.set(key, { generation, listedAt, entries });
    }
    return entries;
  }

  /** The gateway is changing: nothing listed before now may answer a read. */
  invalidate(gateway: string): void {
    this.generations.set(gateway, this.generationOf(gateway) + 1);
  }

  private generationOf(gateway: string): number {
    return this.generations.get(gateway) ?? 0;
  }
}
