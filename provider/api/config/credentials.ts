import { CredentialsNotFoundError } from "../errors/CredentialsNotFoundError";
import { firstEnv, present, type ResolutionContext } from "./context";
import { CONFIG_KEYS, ENV_KEYS, PROFILE_MODES } from "./keys";
import { lookupProfile } from "./profileFile";

export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** An STS token; sent as `x-acs-security-token` (ACS3) or `SecurityToken` (RPC). */
  securityToken?: string;
}

export interface ResolvedCredentials {
  credentials: StaticCredentials;
  /** Where they came from, safe to log (names only, never values). */
  source: string;
}

type Attempt = { found: StaticCredentials; source: string } | { missing: string };

/**
 * The first source that holds a complete key pair wins: explicit option, Pulumi config, environment, aliyun
 * CLI profile. Throws CredentialsNotFoundError listing every source and what was missing there.
 */
export function resolveCredentials(
  explicit: StaticCredentials | undefined,
  ctx: ResolutionContext,
): ResolvedCredentials {
  const sources: Array<() => Attempt> = [
    () => fromExplicit(explicit),
    () => fromConfig(ctx),
    () => fromEnv(ctx),
    () => fromProfile(ctx),
  ];
  const searched: string[] = [];
  for (const source of sources) {
    const result = source();
    if ("found" in result) return { credentials: result.found, source: result.source };
    searched.push(result.missing);
  }
  throw new CredentialsNotFoundError(searched);
}

function pair(
  label: string,
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  idName: string,
  secretName: string,
): Attempt {
  if (present(id) && present(secret)) {
    return {
      found: { accessKeyId: id, accessKeySecret: secret, securityToken: present(token) ? token : undefined },
      source: label,
    };
  }
  if (present(id)) return { missing: `${label}: ${idName} is set but ${secretName} is missing` };
  if (present(secret)) return { missing: `${label}: ${secretName} is set but ${idName} is missing` };
  return { missing: `${label}: not set` };
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
    `Pulumi config ${accessKey} / ${secretKey} (/ ${securityToken})`,
    ctx.config[accessKey],
    ctx.config[secretKey],
    ctx.config[securityToken],
    accessKey,
    secretKey,
  );
}

function fromEnv(ctx: ResolutionContext): Attempt {
  const id = firstEnv(ctx.env, ENV_KEYS.accessKey);
  const secret = firstEnv(ctx.env, ENV_KEYS.secretKey);
  const token = firstEnv(ctx.env, ENV_KEYS.securityToken);
  const label =
    `environment ${ENV_KEYS.accessKey.join(" or ")} with ${ENV_KEYS.secretKey.join(" or ")} ` +
    `(and ${ENV_KEYS.securityToken.join(" or ")})`;
  return pair(
    label,
    id?.value,
    secret?.value,
    token?.value,
    id?.name ?? "the key id",
    secret?.name ?? "the secret",
  );
}

function fromProfile(ctx: ResolutionContext): Attempt {
  const lookup = lookupProfile(ctx);
  const label = `aliyun CLI profile ${lookup.wanted} in ${lookup.path}`;
  if (!lookup.profile) return { missing: `${label}: ${lookup.problem}` };
  const p = lookup.profile;
  const mode = p.mode ?? PROFILE_MODES.ak;
  if (mode !== PROFILE_MODES.ak && mode !== PROFILE_MODES.sts) {
    return {
      missing: `${label}: mode "${mode}" is not supported (use ${PROFILE_MODES.ak} or ${PROFILE_MODES.sts})`,
    };
  }
  if (mode === PROFILE_MODES.sts && !present(p.sts_token)) {
    return { missing: `${label}: mode ${PROFILE_MODES.sts} but sts_token is empty` };
  }
  const token = mode === PROFILE_MODES.sts ? p.sts_token : undefined;
  return pair(label, p.access_key_id, p.access_key_secret, token, "access_key_id", "access_key_secret");
}
