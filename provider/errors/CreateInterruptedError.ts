/**
 * create() was cancelled (Ctrl-C, SIGTERM) after the gateway took its write: the route exists, so the
 * engine must record it. The dynamic provider host (@pulumi/pulumi cmd/dynamic-provider,
 * grpcResponseFromError) reads an error with an `id` as "created, but failed to initialise": the engine keeps
 * the resource with `properties` and shows `reasons`, and runs an update for it on the next `up`.
 */
export class CreateInterruptedError extends Error {
  override readonly name = "CreateInterruptedError" as const;
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, inputs: Record<string, unknown>, region: string) {
    super(
      `Cancelled while route ${id} was being created: the gateway took the create, so the route is recorded ` +
        "in the state without its confirmed settings. The next `pulumi up` confirms it; `pulumi refresh` " +
        "reads it as it is.",
    );
    this.id = id;
    // No state, createTime...: what only a listing can confirm stays out, which tells update() to confirm it.
    // The host stores these as they are: keep `__provider` (later operations load the provider from it), drop
    // undefined (a protobuf Struct cannot hold it).
    const defined = Object.entries({ ...inputs, region }).filter(([, value]) => value !== undefined);
    this.properties = Object.fromEntries(defined);
    this.reasons = [this.message];
  }
}
