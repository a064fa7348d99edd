import { Mutex } from "async-mutex";

/**
 * Serialises work per key (a gateway takes one change at a time) while different keys run in parallel.
 * Locks are dropped once idle, so the map does not grow with every gateway ever seen.
 */
export class GatewayScheduler {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

  async runExclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.locks.set(key, entry);
    }
    entry.users++;
    try {
      return await entry.mutex.runExclusive(fn);
    } finally {
      if (--entry.users === 0) this.locks.delete(key);
    }
  }

  /** Keys with work running or queued, for tests and diagnostics. */
  get activeKeys(): string[] {
    return [...this.locks.keys()];
  }
}
