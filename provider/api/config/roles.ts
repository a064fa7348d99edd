/**
 * `alicloud:assumeRole` and `alicloud:assumeRoleWithOidc` (JSON objects, as @pulumi/alicloud takes them)
 * and their environment variables, checked without any network call so that bad values fail at preview.
 */
import { existsSync } from "node:fs";
import { ConfigurationError } from "../errors";
import type { AssumeRoleSpec, OidcSpec } from "../credentials/spec";
import { firstEnv, present, type ResolutionContext } from "./context";
import { fromEndpointsConfig } from "./endpoint";
import { CONFIG_KEYS, ENV_KEYS } from "./keys";

export const ROLE_ARN_PATTERN = /^acs:ram::\d+:role\/[\w.@+=,-]{1,128}$/i;
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43200;
/** terraform-provider-alicloud's default session lifetime. */
export const DEFAULT_SESSION_SECONDS = 3600;
export const DEFAULT_SESSION_NAME = "alicloud-vpn-routes";
const STS = "sts";

type Json = Record<string, unknown>;

function parseObject(key: string, text: string | undefined): Json | undefined {
  if (!present(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`Pulumi config ${key}`, "not valid JSON (expected an object)");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigurationError(`Pulumi config ${key}`, "expected an object");
  }
  return parsed as Json;
}

function text(obj: Json | undefined, field: string): string | undefined {
  const value = obj?.[field];
  return typeof value === "string" && present(value) ? value : undefined;
}

export function checkRoleArn(arn: string, source: string): string {
  if (!ROLE_ARN_PATTERN.test(arn.trim())) {
    throw new ConfigurationError(
      source,
      `roleArn "${arn}" is not a RAM role ARN; expected acs:ram::<accountId>:role/<roleName>, ` +
        `e.g. acs:ram::1234567890123456:role/ResourceDirectoryAccountAccessRole.`,
    );
  }
  return arn.trim();
}

export function checkSessionExpiration(value: unknown, source: string): number {
  if (value === undefined || value === null || value === "") return DEFAULT_SESSION_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    throw new ConfigurationError(
      source,
      `sessionExpiration must be a whole number of seconds from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS} ` +
        `(the role's MaxSessionDuration bounds it further); got ${JSON.stringify(value)}.`,
    );
  }
  return seconds;
}

/**
 * The STS host from the `sts` entry of `alicloud:endpoints`, else ALIBABA_CLOUD_ENDPOINT_STS / STS_ENDPOINT
 * (named like the VPC endpoint's variables); https is implied (STS is never called over http).
 */
export function stsEndpoint(ctx: ResolutionContext): string | undefined {
  const fromConfig = fromEndpointsConfig(ctx.config[CONFIG_KEYS.endpoints], STS);
  const fromEnv = firstEnv(ctx.env, ENV_KEYS.stsEndpoint);
  const raw = fromConfig ?? fromEnv?.value;
  if (!raw) return undefined;
  const source = fromConfig ? `Pulumi config ${CONFIG_KEYS.endpoints} (sts)` : `environment ${fromEnv?.name}`;
  if (/^http:\/\//i.test(raw)) throw new ConfigurationError(source, "STS is called over https only");
  return raw.replace(/^https:\/\//i, "").replace(/\/+$/, "");
}

/** The assumeRole layer: config `alicloud:assumeRole`, else ALICLOUD_ASSUME_ROLE_ARN / ALIBABA_CLOUD_ROLE_ARN. */
export function assumeRoleFrom(ctx: ResolutionContext, roleArnEnvTaken: boolean): AssumeRoleSpec | undefined {
  const key = CONFIG_KEYS.assumeRole;
  const config = parseObject(key, ctx.config[key]);
  const envArn = firstEnv(ctx.env, roleArnEnvTaken ? ENV_KEYS.roleArn.slice(0, 1) : ENV_KEYS.roleArn);
  const arn = text(config, "roleArn") ?? envArn?.value;
  if (!arn) {
    if (config) throw new ConfigurationError(`Pulumi config ${key}`, "roleArn is missing");
    return undefined;
  }
  const source = text(config, "roleArn") ? `Pulumi config ${key}` : `environment ${envArn?.name}`;
  return {
    roleArn: checkRoleArn(arn, source),
    sessionName:
      text(config, "sessionName") ??
      firstEnv(ctx.env, ENV_KEYS.roleSessionName)?.value ??
      DEFAULT_SESSION_NAME,
    policy: text(config, "policy"),
    sessionExpiration: checkSessionExpiration(
      config?.sessionExpiration ?? firstEnv(ctx.env, ENV_KEYS.sessionExpiration)?.value,
      source,
    ),
    externalId: text(config, "externalId"),
    endpoint: stsEndpoint(ctx),
  };
}

export function checkTokenFile(path: string, source: string): string {
  if (!existsSync(path)) {
    throw new ConfigurationError(
      source,
      `oidcTokenFile ${path} does not exist; point it at the file your CI writes the OIDC token to ` +
        `(e.g. GitHub Actions: request the token and write it to a file), or set oidcToken.`,
    );
  }
  return path;
}

/** `alicloud:assumeRoleWithOidc`, else ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE + ALIBABA_CLOUD_ROLE_ARN. */
export function oidcFrom(ctx: ResolutionContext): { spec?: OidcSpec; missing: string } {
  const key = CONFIG_KEYS.assumeRoleWithOidc;
  const config = parseObject(key, ctx.config[key]);
  if (config) {
    const source = `Pulumi config ${key}`;
    for (const field of ["oidcProviderArn", "roleArn"]) {
      if (!text(config, field)) throw new ConfigurationError(source, `${field} is missing`);
    }
    const tokenFile = text(config, "oidcTokenFile");
    const token = text(config, "oidcToken");
    if (!tokenFile && !token) throw new ConfigurationError(source, "set oidcTokenFile or oidcToken");
    return {
      missing: "",
      spec: {
        oidcProviderArn: text(config, "oidcProviderArn") as string,
        roleArn: checkRoleArn(text(config, "roleArn") as string, source),
        roleSessionName: text(config, "roleSessionName") ?? DEFAULT_SESSION_NAME,
        oidcTokenFile: tokenFile ? checkTokenFile(tokenFile, source) : undefined,
        oidcToken: tokenFile ? undefined : token,
        policy: text(config, "policy"),
        sessionExpiration: checkSessionExpiration(config.sessionExpiration, source),
        endpoint: stsEndpoint(ctx),
      },
    };
  }
  const provider = firstEnv(ctx.env, ENV_KEYS.oidcProviderArn);
  const file = firstEnv(ctx.env, ENV_KEYS.oidcTokenFile);
  const role = firstEnv(ctx.env, ENV_KEYS.oidcRoleArn);
  const names = [...ENV_KEYS.oidcProviderArn, ...ENV_KEYS.oidcTokenFile, ...ENV_KEYS.oidcRoleArn].join(", ");
  if (!provider || !file || !role) {
    return { missing: `Pulumi config ${key}, or environment ${names}: not set` };
  }
  const source = `environment ${names}`;
  return {
    missing: "",
    spec: {
      oidcProviderArn: provider.value,
      roleArn: checkRoleArn(role.value, source),
      roleSessionName: firstEnv(ctx.env, ENV_KEYS.roleSessionName)?.value ?? DEFAULT_SESSION_NAME,
      oidcTokenFile: checkTokenFile(file.value, source),
      sessionExpiration: DEFAULT_SESSION_SECONDS,
      endpoint: stsEndpoint(ctx),
    },
  };
}
