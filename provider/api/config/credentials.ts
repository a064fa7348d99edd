/**
 * Which credentials sign a call, found in configuration alone (no network call, so a bad value fails at
 * preview): the sources in order, terraform-provider-alicloud's, and a role assumed on top. What they resolve
 * to is a CredentialSpec; credentials/sessions.ts turns one into keys.
 */
import { ConfigurationError, CredentialsNotFoundError } from "../errors";
import {
  assumeRoleFrom,
  checkRoleArn,
  checkSessionExpiration,
  checkTokenFile,
  DEFAULT_SESSION_NAME,
  oidcFrom,
  stsEndpoint,
} from "../credentials/roles";
import type { AssumeRoleSpec, CredentialSpec, StaticCredentials } from "../types";
import { CONFIG_KEYS, ENV_KEYS, firstEnv, PROFILE_MODES, present, type ResolutionContext } from "./keys";
import { isLoopback, lookupProfile, type AliyunProfile } from "./settings";

export interface ResolvedCredentials {
  /** Static keys, or how to get a session (fetched and cached by the credential chain). */
  spec: CredentialSpec;
  /** The static keys, when that is what was found (no assumeRole on top). */
  credentials?: StaticCredentials;
  /** Where they came from, safe to log (names only, never values). */
  source: string;
}

type Attempt = { found: CredentialSpec; source: string } | { missing: string };

/**
 * The first source found wins, in terraform-provider-alicloud's spirit: explicit option, Pulumi config
 * keys, environment keys, OIDC role assumption, credentials URI, ECS instance role, aliyun CLI profile (all
 * its modes). `alicloud:assumeRole` (or its environment variables) then assumes a role on top of what was
 * found. No network call happens here, so a bad value fails at preview. Throws CredentialsNotFoundError
 * listing every source and what was missing there, or ConfigurationError for a value that is unusable.
 */
export function resolveCredentials(
  explicit: StaticCredentials | undefined,
  ctx: ResolutionContext,
): ResolvedCredentials {
  let oidcTookRoleEnv = false;
  const sources: Array<() => Attempt> = [
    () => fromExplicit(explicit),
    () => fromConfig(ctx),
    () => fromEnv(ctx),
    () => {
      const { spec, missing } = oidcFrom(ctx);
      if (!spec) return { missing };
      oidcTookRoleEnv = !present(ctx.config[CONFIG_KEYS.assumeRoleWithOidc]);
      return { found: { kind: "oidc", oidc: spec }, source: `OIDC role ${spec.roleArn}` };
    },
    () => fromCredentialsUri(ctx),
    () => fromEcsRole(ctx),
    () => fromProfile(ctx),
  ];
  const searched: string[] = [];
  for (const source of sources) {
    const result = source();
    if (!("found" in result)) {
      searched.push(result.missing);
      continue;
    }
    const role = assumeRoleFrom(ctx, oidcTookRoleEnv);
    if (!role) {
      const credentials = result.found.kind === "static" ? result.found.credentials : undefined;
      return { spec: result.found, credentials, source: result.source };
    }
    return {
      spec: { kind: "assumeRole", base: result.found, role },
      source: `role ${role.roleArn} assumed with ${result.source}`,
    };
  }
  // A malformed assumeRole is the more useful message, even with nothing to assume it with.
  assumeRoleFrom(ctx, oidcTookRoleEnv);
  throw new CredentialsNotFoundError(searched);
}

/** Where a found key was read from, named by what is set there: "environment A and B", "... A, B and C". */
interface NamesInUse {
  place: string;
  tokenName?: string;
}

/**
 * One place that holds a key pair: `searched` names the place in the list of places tried; a key found there is
 * said to come from `searched`, or, given `inUse`, from the place and the names actually set (error messages say
 * "the key in use came from ..."; names, never values).
 */
function pair(
  searched: string,
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  idName: string,
  secretName: string,
  inUse?: NamesInUse,
): Attempt {
  if (present(id) && present(secret)) {
    const credentials = {
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: present(token) ? token : undefined,
    };
    const names = present(token)
      ? `${idName}, ${secretName} and ${inUse?.tokenName}`
      : `${idName} and ${secretName}`;
    return { found: { kind: "static", credentials }, source: inUse ? `${inUse.place} ${names}` : searched };
  }
  if (present(id)) return { missing: `${searched}: ${idName} is set but ${secretName} is missing` };
  if (present(secret)) return { missing: `${searched}: ${secretName} is set but ${idName} is missing` };
  return { missing: `${searched}: not set` };
}

function fromExplicit(explicit: StaticCredentials | undefined): Attempt {
  const label = "client option `credentials`";
  if (!explicit) return { missing: `${label}: not given` };
  return pair(
    label,
    explicit.accessKeyId,
    explicit.accessKeySecret,
    explicit.securityToken,
    "accessKeyId",
    "accessKeySecret",
  );
}

function fromConfig(ctx: ResolutionContext): Attempt {
  const { accessKey, secretKey, securityToken } = CONFIG_KEYS;
  return pair(
    `Pulumi config ${accessKey} / ${secretKey}`,
    ctx.config[accessKey],
    ctx.config[secretKey],
    ctx.config[securityToken],
    accessKey,
    secretKey,
    { place: "Pulumi config", tokenName: securityToken },
  );
}

function fromEnv(ctx: ResolutionContext): Attempt {
  const id = firstEnv(ctx.env, ENV_KEYS.accessKey);
  const secret = firstEnv(ctx.env, ENV_KEYS.secretKey);
  const token = firstEnv(ctx.env, ENV_KEYS.securityToken);
  return pair(
    `environment ${ENV_KEYS.accessKey.join(" or ")} with ${ENV_KEYS.secretKey.join(" or ")}`,
    id?.value,
    secret?.value,
    token?.value,
    id?.name ?? "the key id",
    secret?.name ?? "the secret",
    { place: "environment", tokenName: token?.name },
  );
}

function fromCredentialsUri(ctx: ResolutionContext): Attempt {
  const label = `Pulumi config ${CONFIG_KEYS.credentialsUri} or environment ${ENV_KEYS.credentialsUri.join(" or ")}`;
  const fromConfig = ctx.config[CONFIG_KEYS.credentialsUri];
  const uri = present(fromConfig) ? fromConfig : firstEnv(ctx.env, ENV_KEYS.credentialsUri)?.value;
  if (!uri) return { missing: `${label}: not set` };
  try {
    new URL(uri);
  } catch {
    throw new ConfigurationError(label, "the credentials URI is not a valid URL");
  }
  return { found: { kind: "uri", uri }, source: `credentials URI ${new URL(uri).origin}` };
}

function fromEcsRole(ctx: ResolutionContext): Attempt {
  const label = `Pulumi config ${CONFIG_KEYS.ecsRoleName} or environment ${ENV_KEYS.ecsRoleName.join(" or ")}`;
  const fromConfig = ctx.config[CONFIG_KEYS.ecsRoleName];
  const roleName = present(fromConfig) ? fromConfig : firstEnv(ctx.env, ENV_KEYS.ecsRoleName)?.value;
  if (!roleName) return { missing: `${label}: not set` };
  return { found: ecsSpec(ctx, roleName, label), source: `ECS instance role ${roleName}` };
}

function fromProfile(ctx: ResolutionContext): Attempt {
  const lookup = lookupProfile(ctx);
  const label = `aliyun CLI profile ${lookup.wanted} in ${lookup.path}`;
  if (!lookup.profile) return { missing: `${label}: ${lookup.problem}` };
  return fromProfileEntry(lookup.profile, lookup.all ?? [], label, ctx, new Set());
}

function fromProfileEntry(
  p: AliyunProfile,
  all: AliyunProfile[],
  label: string,
  ctx: ResolutionContext,
  seen: Set<string>,
): Attempt {
  const mode = p.mode ?? PROFILE_MODES.ak;
  const keys = () =>
    pair(
      label,
      p.access_key_id,
      p.access_key_secret,
      mode === PROFILE_MODES.sts ? p.sts_token : undefined,
      "access_key_id",
      "access_key_secret",
    );
  const role = (): AssumeRoleSpec => ({
    roleArn: checkRoleArn(p.ram_role_arn ?? "", label),
    sessionName: present(p.ram_session_name) ? p.ram_session_name : DEFAULT_SESSION_NAME,
    sessionExpiration: checkSessionExpiration(p.expired_seconds, label),
    externalId: present(p.external_id) ? p.external_id : undefined,
    endpoint: present(p.sts_endpoint) ? p.sts_endpoint : stsEndpoint(ctx),
  });
  switch (mode) {
    case PROFILE_MODES.ak:
      return keys();
    case PROFILE_MODES.sts:
      if (!present(p.sts_token))
        return { missing: `${label}: mode ${PROFILE_MODES.sts} but sts_token is empty` };
      return keys();
    case PROFILE_MODES.ramRoleArn: {
      const base = keys();
      if (!("found" in base)) return base;
      return { found: { kind: "assumeRole", base: base.found, role: role() }, source: label };
    }
    case PROFILE_MODES.chainableRamRoleArn: {
      seen.add(p.name);
      const source = all.find((q) => q?.name === p.source_profile);
      if (!source || seen.has(source.name)) {
        return { missing: `${label}: source_profile "${p.source_profile ?? ""}" is missing or loops` };
      }
      const base = fromProfileEntry(source, all, `${label} <- profile "${source.name}"`, ctx, seen);
      if (!("found" in base)) return base;
      return { found: { kind: "assumeRole", base: base.found, role: role() }, source: label };
    }
    case PROFILE_MODES.ecsRamRole:
      return {
        found: ecsSpec(ctx, present(p.ram_role_name) ? p.ram_role_name : undefined, label),
        source: label,
      };
    case PROFILE_MODES.oidc:
      return {
        found: {
          kind: "oidc",
          oidc: {
            oidcProviderArn: p.oidc_provider_arn ?? "",
            roleArn: checkRoleArn(p.ram_role_arn ?? "", label),
            roleSessionName: present(p.ram_session_name) ? p.ram_session_name : DEFAULT_SESSION_NAME,
            oidcTokenFile: checkTokenFile(p.oidc_token_file ?? "", label),
            sessionExpiration: checkSessionExpiration(p.expired_seconds, label),
            endpoint: present(p.sts_endpoint) ? p.sts_endpoint : stsEndpoint(ctx),
          },
        },
        source: label,
      };
    default:
      return {
        missing:
          `${label}: mode "${mode}" is not supported (use ` + `${Object.values(PROFILE_MODES).join(", ")})`,
      };
  }
}

// ---- the ECS instance role ----

/** The ECS metadata service, reachable only from inside an instance. */
const ECS_METADATA_ORIGIN = "http://100.100.100.200";

function ecsSpec(ctx: ResolutionContext, roleName: string | undefined, source: string): CredentialSpec {
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
