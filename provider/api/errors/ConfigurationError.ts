/** A configuration value that is present but unusable (malformed JSON or URL, unreadable file). */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError" as const;
  readonly source: string;

  /** `problem` must never quote the value itself: it may hold a secret. */
  constructor(source: string, problem: string) {
    super(`Invalid configuration in ${source}: ${problem}`);
    this.source = source;
  }
}
