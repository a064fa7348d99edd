import { DEFAULT_DEADLINE_MS } from "../constants";
import { ConfigurationError } from "../errors";
import { CONFIG_KEYS } from "./keys";

const MS_PER_SECOND = 1000;

/**
 * `alicloud-vpn:deadlineSeconds` in milliseconds, else the default (10 minutes): the one reading of the
 * setting, for the client's calls and the provider's waits alike.
 */
export function deadlineMsFromConfig(config: Record<string, string>): number {
  const key = CONFIG_KEYS.deadlineSeconds;
  const text = config[key];
  if (text === undefined) return DEFAULT_DEADLINE_MS;
  const seconds = Number(text);
  if (!(seconds > 0)) {
    throw new ConfigurationError(
      `Pulumi config ${key}`,
      "must be a positive number of seconds",
      `${key} must be a positive number of seconds; got "${text}". Fix it with: pulumi config set ${key} 600`,
    );
  }
  return Math.round(seconds * MS_PER_SECOND);
}
