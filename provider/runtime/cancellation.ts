import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The engine's Cancel, as the operations of this process see it. Each lifecycle operation runs in a scope that
 * holds the signal current when it started, so a Cancel aborts every operation in flight (their waits for a
 * gateway lock, their requests, retries and polls) and none started afterwards. The scope follows the
 * operation through every await, so the API client asks for it without any parameter threading.
 */
export class Cancellation {
  private controller = new AbortController();
  private readonly scope = new AsyncLocalStorage<AbortSignal>();

  /** Runs one lifecycle operation under the current signal. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    return this.scope.run(this.controller.signal, operation);
  }

  /** The signal of the operation being run, undefined outside any. */
  get signal(): AbortSignal | undefined {
    return this.scope.getStore();
  }

  /** Aborts every operation in flight; later operations get a fresh signal (the engine may go on after it). */
  cancel(): void {
    const cancelled = this.controller;
    this.controller = new AbortController();
    cancelled.abort();
  }
}
