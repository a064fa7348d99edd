/**
 * Roles: `alicloud:assumeRole` and `alicloud:assumeRoleWithOidc` (JSON objects, as @pulumi/alicloud takes
 * them) and their environment variables, checked without any network call so that bad values fail at
 * preview; then assumed through @alicloud/credentials, Alibaba's own implementation of the STS protocol
 * (signing, parameters, response checks), as is the credentials URI. Only the SDK's `refresher` is called:
 * one fetch, no cache (credentials/sessions.ts caches; see there why). A refusal becomes a
 * CredentialFetchError that says what to grant, and leaks nothing.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  OIDCRoleArnCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  URICredentialsProvider,
} from "@alicloud/credentials";
import { fromEndpointsConfig } from "../config/settings";
import { CONFIG_KEYS, ENV_KEYS, firstEnv, present, type ResolutionContext } from "../config/keys";
import { ConfigurationError, CredentialFetchError } from "../errors";
import type { AssumeRoleSpec, OidcSpec, Session, StaticCredentials } from "../types";

// ---- from configuration ----

const ROLE_ARN_PATTERN = /^acs:ram::\d+:role\/[\w.@+=,-]{1,128}$/i;
const ROLE_ARN_ACCOUNT = /^acs:ram::(\d+):role\//i;
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43200;
/** terraform-provider-alicloud's default session lifetime. */
const DEFAULT_SESSION_SECONDS = 3600;
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

/** The account a RAM role ARN names (`acs:ram::<accountId>:role/<name>`); undefined for anything else. */
export function roleAccountId(roleArn: string): string | undefined {
  return ROLE_ARN_ACCOUNT.exec(roleArn)?.[1];
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

// ---- from STS ----

type BaseProvider = Parameters<
  ReturnType<typeof RAMRoleARNCredentialsProvider.builder>["withCredentialsProvider"]
>[0];
type LibrarySession = {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiration: string;
};
type Refreshing = { refresher: () => Promise<LibrarySession> };

/** What the SDK's two STS builders (AssumeRole, AssumeRoleWithOIDC) take alike; each setter changes the builder. */
interface StsSessionBuilder {
  withRoleArn(roleArn: string): unknown;
  withRoleSessionName(sessionName: string): unknown;
  withDurationSeconds(seconds: number): unknown;
  withPolicy(policy: string): unknown;
  withStsEndpoint(endpoint: string): unknown;
  build(): unknown;
}

/**
 * One session through an SDK STS builder, given the role, its session's name and length, a policy and the STS
 * endpoint; one fetch through its `refresher` (the SDK's own cache is not used).
 */
async function fetchSession(
  builder: StsSessionBuilder,
  session: {
    roleArn: string;
    sessionName: string;
    sessionExpiration: number;
    policy?: string;
    endpoint?: string;
  },
  what: string,
): Promise<Session> {
  builder.withRoleArn(session.roleArn);
  builder.withRoleSessionName(session.sessionName);
  builder.withDurationSeconds(session.sessionExpiration);
  if (session.policy) builder.withPolicy(session.policy);
  if (session.endpoint) builder.withStsEndpoint(session.endpoint);
  return fetchOnce(builder, what);
}

/** One fetch through a configured SDK builder: its `refresher`. */
async function fetchOnce(builder: { build(): unknown }, what: string): Promise<Session> {
  const s = await (builder.build() as Refreshing).refresher();
  return {
    accessKeyId: s.accessKeyId,
    accessKeySecret: s.accessKeySecret,
    securityToken: s.securityToken,
    expiresAt: parseExpiration(s.expiration, what),
  };
}

export async function assumeRole(
  role: AssumeRoleSpec,
  base: () => Promise<StaticCredentials>,
  from: string,
): Promise<Session> {
  const baseProvider = {
    getCredentials: async () => ({ ...(await base()), providerName: "alicloud-vpn-routes" }),
    getProviderName: () => "alicloud-vpn-routes",
  } as unknown as BaseProvider;
  try {
    const builder = RAMRoleARNCredentialsProvider.builder().withCredentialsProvider(baseProvider);
    if (role.externalId) builder.withExternalId(role.externalId);
    return await fetchSession(builder, role, "STS AssumeRole");
  } catch (err) {
    throw roleFailure(err, "AssumeRole", role.roleArn, {
      externalId: role.externalId !== undefined,
      sessionExpiration: role.sessionExpiration,
      endpoint: role.endpoint,
      from,
    });
  }
}

export async function assumeRoleWithOidc(oidc: OidcSpec, from: string): Promise<Session> {
  // The SDK reads the token from a file only; an inline oidcToken goes to a private file for the one call.
  const inline = oidc.oidcTokenFile ? undefined : mkdtempSync(join(tmpdir(), "alicloud-vpn-oidc-"));
  const tokenFile = oidc.oidcTokenFile ?? join(inline as string, "token");
  try {
    if (inline) writeFileSync(tokenFile, oidc.oidcToken ?? "", { mode: 0o600 });
    const builder = OIDCRoleArnCredentialsProvider.builder()
      .withOIDCProviderArn(oidc.oidcProviderArn)
      .withOIDCTokenFilePath(tokenFile);
    const session = { ...oidc, sessionName: oidc.roleSessionName };
    return await fetchSession(builder, session, "STS AssumeRoleWithOIDC");
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === "ENOENT") {
      throw roleFailure(new Error(), "AssumeRoleWithOIDC", oidc.roleArn, {
        sessionExpiration: oidc.sessionExpiration,
        from: `${from}: the OIDC token file ${tokenFile} is gone`,
      });
    }
    throw roleFailure(err, "AssumeRoleWithOIDC", oidc.roleArn, {
      sessionExpiration: oidc.sessionExpiration,
      endpoint: oidc.endpoint,
      from,
    });
  } finally {
    if (inline) rmSync(inline, { recursive: true, force: true });
  }
}

export async function fromCredentialsUri(uri: string): Promise<Session> {
  try {
    return await fetchOnce(URICredentialsProvider.builder().withCredentialsURI(uri), "the credentials URI");
  } catch (err) {
    throw uriFailure(err, new URL(uri).origin);
  }
}

/** `Expiration` as STS, the metadata service and credentials URIs write it (ISO 8601, UTC). */
export function parseExpiration(expiration: string | undefined, what: string): number {
  const at = expiration ? Date.parse(expiration) : NaN;
  if (Number.isNaN(at)) throw new Error(`${what} answered without a valid Expiration`);
  return at;
}

// ---- refusals ----

interface StsAnswer {
  Code?: string;
  Message?: string;
}

/** The STS error body the SDK appends to its message (`... failed: {"Code":...}`); safe to show. */
function stsAnswer(err: unknown): StsAnswer | undefined {
  const message = (err as Error)?.message ?? "";
  const start = message.indexOf("{");
  if (start < 0) return undefined;
  try {
    const body = JSON.parse(message.slice(start)) as StsAnswer;
    return typeof body.Code === "string"
      ? { Code: body.Code, Message: String(body.Message ?? "") }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Only a network error code (ECONNREFUSED, SELF_SIGNED_CERT_IN_CHAIN...): SDK messages can quote the request URL. */
function networkCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

function roleFailure(
  err: unknown,
  action: "AssumeRole" | "AssumeRoleWithOIDC",
  roleArn: string,
  hints: { externalId?: boolean; sessionExpiration: number; endpoint?: string; from: string },
): CredentialFetchError {
  if (err instanceof CredentialFetchError) return err;
  const account = roleAccountId(roleArn) ?? "(unknown)";
  const answer = stsAnswer(err);
  const sts = hints.endpoint ?? "sts.aliyuncs.com";
  if (!answer) {
    const code = networkCode(err) ?? "no answer";
    return new CredentialFetchError(
      `${action} of role ${roleArn} (account ${account}) failed: STS at ${sts} could not be reached (${code}). ` +
        `Check the sts entry of alicloud:endpoints and the network.`,
      { code, roleArn },
    );
  }
  const said = `${answer.Code}: ${answer.Message}`;
  let advice: string;
  switch (answer.Code) {
    case "EntityNotExist.Role":
      advice = `The role does not exist in account ${account}: create it there, or fix roleArn (${hints.from}).`;
      break;
    case "NoPermission":
      advice =
        action === "AssumeRole"
          ? `In account ${account}, grant it: the role's trust policy must name the caller's account in ` +
            `Principal.RAM (e.g. "acs:ram::<caller account>:root")` +
            (hints.externalId ? " with Condition StringEquals sts:ExternalId equal to externalId" : "") +
            `, and the caller needs the AliyunSTSAssumeRoleAccess policy.`
          : `In account ${account}, the role's trust policy must name the OIDC provider in Principal.Federated.`;
      break;
    case "InvalidParameter.DurationSeconds":
      advice =
        `sessionExpiration ${hints.sessionExpiration} is outside the role's bounds: lower it, or raise the ` +
        `role's MaxSessionDuration in account ${account}.`;
      break;
    default:
      advice = `Check ${hints.from}.`;
  }
  return new CredentialFetchError(
    `${action} of role ${roleArn} (account ${account}) was refused: ${said}. ${advice}`,
    {
      code: answer.Code,
      roleArn,
    },
  );
}

function uriFailure(err: unknown, origin: string): CredentialFetchError {
  const status = /httpStatus: (\d+)/.exec((err as Error)?.message ?? "")?.[1];
  const why = status ? `HTTP ${status}` : (networkCode(err) ?? "an answer without credentials");
  return new CredentialFetchError(
    `The credentials URI at ${origin} gave no credentials (${why}). Check alicloud:credentialsUri / ALIBABA_CLOUD_CREDENTIALS_URI.`,
  );
}
