import type * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS } from "../api/config/keys";
import { DEFAULT_DEADLINE_MS } from "../api/constants";

/**
 * The stack configuration the provider uses, as `configure()` sees it (namespaced keys, secrets already
 * decrypted). Kept in process memory only: nothing of it reaches the serialized provider or the state.
 */
export function readStackConfig(config: pulumi.dynamic.Config): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of Object.values(CONFIG_KEYS)) {
    const value: unknown = config.get(key);
    if (value === undefined || value === null) continue;
    // Structured values (alicloud:endpoints) may arrive as objects; the client reads JSON text.
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

/** `alicloud-vpn:deadlineSeconds` in milliseconds, else the client's default. */
export function deadlineMsFromConfig(config: Record<string, string>): number {
  const text = config[CONFIG_KEYS.deadlineSeconds];
  const seconds = text === undefined ? NaN : Number(text);
  if (text !== undefined && !(seconds > 0)) {
    throw new Error(
      `${CONFIG_KEYS.deadlineSeconds} must be a positive number of seconds; got "${text}". Fix it with: pulumi config set ${CONFIG_KEYS.deadlineSeconds} 600`,
    );
  }
  return text === undefined ? DEFAULT_DEADLINE_MS : Math.round(seconds * 1000);
}
