/** Where the ECS instance role's sessions come from: the metadata service, or (tests only) a loopback stand-in. */
import { ConfigurationError } from "../errors";
import type { CredentialSpec } from "../credentials/spec";
import { firstEnv, type ResolutionContext } from "./context";
import { isLoopback } from "./endpoint";
import { ENV_KEYS } from "./keys";

/** The ECS metadata service, reachable only from inside an instance. */
export const ECS_METADATA_ORIGIN = "http://100.100.100.200";

export function ecsSpec(
  ctx: ResolutionContext,
  roleName: string | undefined,
  source: string,
): CredentialSpec {
  const override = firstEnv(ctx.env, ENV_KEYS.ecsMetadataEndpoint);
  let metadataOrigin = ECS_METADATA_ORIGIN;
  if (override) {
    let url: URL;
    try {
      url = new URL(override.value);
    } catch {
      throw new ConfigurationError(`environment ${override.name}`, "not a URL");
    }
    // A test hook: it must never send instance credentials requests anywhere but this machine.
    if (!isLoopback(url.hostname.replace(/^\[|\]$/g, ""))) {
      throw new ConfigurationError(`environment ${override.name}`, "only a loopback address is allowed");
    }
    metadataOrigin = url.origin;
  } else if (firstEnv(ctx.env, ENV_KEYS.ecsMetadataDisabled)?.value.toLowerCase() === "true") {
    throw new ConfigurationError(
      source,
      `the ECS metadata service is disabled by ${ENV_KEYS.ecsMetadataDisabled[0]}=true`,
    );
  }
  const disableImdsV1 = firstEnv(ctx.env, ENV_KEYS.imdsV1Disabled)?.value.toLowerCase() === "true";
  return { kind: "ecs", roleName, metadataOrigin, disableImdsV1 };
}
