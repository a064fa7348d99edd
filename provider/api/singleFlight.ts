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
