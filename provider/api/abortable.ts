import { OperationCancelledError } from "./errors";

/** Throws the cancellation at once when `signal` is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, action: string): void {
  if (signal?.aborted) throw new OperationCancelledError(action);
}

/**
 * `work`, unless `signal` aborts first: then an OperationCancelledError (the work itself is not stopped; a
 * sleep simply ends unobserved). The injected sleeps of tests are plain promises, so the race lives here.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, action: string): Promise<T> {
  if (!signal) return work;
  throwIfCancelled(signal, action);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new OperationCancelledError(action));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}
