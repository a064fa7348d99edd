/** Everything configuration is resolved from, captured per call so later changes are seen. */
export interface ResolutionContext {
  /** Pulumi stack config as `configure()` sees it, keys like `alicloud:region`. */
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
  homeDir: string;
}

/** A value counts as set only when it is a non-empty string. */
export function present(value: string | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The first set variable among `names`, with its name. */
export function firstEnv(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (present(value)) return { name, value };
  }
  return undefined;
}
