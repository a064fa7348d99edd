/**
 * The provider's configuration: the engine's Configure variables (`alicloud-vpn:config:<name>`, from the
 * stack's `alicloud-vpn:<name>` keys or an explicit provider's inputs) as the runtime's configuration, which
 * is keyed as the TypeScript stacks' config is (`alicloud:region`, `alicloud-vpn:rateLimits`...). The names are
 * the same: a provider input `region` is `alicloud:region`, `rateLimits` is `alicloud-vpn:rateLimits`.
 */
import { CONFIG_KEYS } from "../provider/api/config/keys";
import { UNKNOWN } from "../provider/constants";
import { PACKAGE_NAME } from "./tokens";

/** Every configuration name the provider takes (schema.json's `config.variables` and the provider's inputs). */
export const PROVIDER_CONFIG_NAMES = Object.keys(CONFIG_KEYS) as (keyof typeof CONFIG_KEYS)[];

const VARIABLE_PREFIX = `${PACKAGE_NAME}:config:`;

/**
 * The runtime's configuration from Configure's variables. Values are text (the engine writes objects and lists
 * as JSON, which is what the runtime reads); a name the provider does not know is an error naming the known ones,
 * as a typo in a stack's config would otherwise be ignored.
 */
export function runtimeConfigOf(variables: ReadonlyMap<string, string> | Map<string, string>): {
  config: Record<string, string>;
  unknownNames: string[];
} {
  const config: Record<string, string> = {};
  const unknownNames: string[] = [];
  for (const [key, value] of variables) {
    const name = key.startsWith(VARIABLE_PREFIX) ? key.slice(VARIABLE_PREFIX.length) : key;
    if (name === "version") continue; // the engine's own provider input
    if (!(name in CONFIG_KEYS)) {
      unknownNames.push(name);
      continue;
    }
    if (value === UNKNOWN || value === "") continue;
    config[CONFIG_KEYS[name as keyof typeof CONFIG_KEYS]] = value;
  }
  return { config, unknownNames };
}

/** What is wrong and what to do, for configuration names the provider does not take. */
export function unknownConfigMessage(unknownNames: string[]): string {
  const names = unknownNames.map((n) => `"${n}"`).join(", ");
  return (
    `alicloud-vpn: unknown provider configuration ${names}. The provider takes ${PROVIDER_CONFIG_NAMES.join(", ")}: ` +
    `as alicloud-vpn:<name> in the stack's config (pulumi config set alicloud-vpn:region cn-hangzhou), or as an ` +
    `explicit provider's inputs. Rename or remove ${names}.`
  );
}
