/** The caller cancelled the operation (the engine's Cancel after a Ctrl-C or SIGTERM): its waits and retries stopped. */
export class OperationCancelledError extends Error {
  override readonly name = "OperationCancelledError" as const;
  readonly action: string;

  constructor(action: string) {
    super(`VPC API ${action} was cancelled (Ctrl-C or SIGTERM): it stopped waiting and retrying.`);
    this.action = action;
  }
}

/** True for a cancellation, also one that reached the caller as the reason of an aborted signal. */
export function isCancelled(err: unknown): err is OperationCancelledError {
  return err instanceof OperationCancelledError;
}
