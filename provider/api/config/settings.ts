/**
 * Where a call goes and how long it may take, read from the keys at call time: the region, the VPC endpoint,
 * the aliyun CLI profile (it may name both, and credentials), and the deadline. No network call happens here,
 * so a bad value fails at `pulumi preview`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ipaddr from "ipaddr.js";
import { ConfigurationError, InsecureEndpointError, RegionNotFoundError } from "../errors";
import {
  ALIYUN_CONFIG_PATH,
  CONFIG_KEYS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_PROFILE_NAME,
  ENV_KEYS,
  firstEnv,
  present,
  type ResolutionContext,
} from "./keys";

/** The product code in endpoint host names and in `alicloud:endpoints` entries. */
const PRODUCT = "vpc";
const MS_PER_SECOND = 1000;

// ---- deadline ----

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

// ---- region ----

/** A region and the place it was read from (for messages). */
export interface RegionWithSource {
  region: string;
  source: string;
}

/**
 * Region from the client option, then config `alicloud:region`, then `ALICLOUD_REGION` /
 * `ALIBABA_CLOUD_REGION`, then the CLI profile's `region_id`; undefined when none names one.
 */
export function defaultRegionWithSource(
  optionRegion: string | undefined,
  ctx: ResolutionContext,
): RegionWithSource | undefined {
  if (present(optionRegion)) return { region: optionRegion, source: "client option `region`" };
  const fromConfig = ctx.config[CONFIG_KEYS.region];
  if (present(fromConfig)) return { region: fromConfig, source: `Pulumi config ${CONFIG_KEYS.region}` };
  const fromEnv = firstEnv(ctx.env, ENV_KEYS.region);
  if (fromEnv) return { region: fromEnv.value, source: `environment ${fromEnv.name}` };
  const lookup = lookupProfile(ctx);
  const profileRegion = lookup.profile?.region_id;
  if (!present(profileRegion)) return undefined;
  return { region: profileRegion, source: `region_id of aliyun CLI profile ${lookup.wanted}` };
}

function defaultRegion(optionRegion: string | undefined, ctx: ResolutionContext): string | undefined {
  return defaultRegionWithSource(optionRegion, ctx)?.region;
}

/** The call's own RegionId wins; otherwise {@link defaultRegion}; a RegionNotFoundError when none. */
export function resolveRegion(
  action: string,
  callRegion: string | undefined,
  optionRegion: string | undefined,
  ctx: ResolutionContext,
): string {
  if (present(callRegion)) return callRegion;
  const region = defaultRegion(optionRegion, ctx);
  if (region) return region;
  throw new RegionNotFoundError(action, [
    "the request's RegionId",
    "client option `region`",
    `Pulumi config ${CONFIG_KEYS.region}`,
    `environment ${ENV_KEYS.region.join(" or ")}`,
    `region_id of the aliyun CLI profile in ${ctx.homeDir}/.aliyun/config.json`,
  ]);
}

// ---- endpoint ----

export interface ResolvedEndpoint {
  /** `scheme://host[:port]`, no path. */
  origin: string;
  /** `host[:port]` as sent in the Host header and signed. */
  host: string;
  hostname: string;
  secure: boolean;
  loopback: boolean;
  /** Where the endpoint came from, for messages. */
  source: string;
  /** How a user looks at or changes it there, for messages. */
  fix: string;
}

/** `https://vpc.<region>.aliyuncs.com`, the public endpoint of every current region. */
function defaultEndpoint(region: string): string {
  return `https://${PRODUCT}.${region}.aliyuncs.com`;
}

/**
 * The endpoint from the client option, config `alicloud-vpn:endpoint`, the `vpc` entry of config
 * `alicloud:endpoints`, env `ALIBABA_CLOUD_ENDPOINT_VPC` / `VPC_ENDPOINT`, else the region's default.
 * Plain http is refused unless the host is loopback or `allowInsecureHttp` is set.
 */
export function resolveEndpoint(
  optionEndpoint: string | undefined,
  region: string,
  ctx: ResolutionContext,
  allowInsecureHttp: boolean,
): ResolvedEndpoint {
  const [raw, source, fix] = pickEndpoint(optionEndpoint, region, ctx);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigurationError(source, "the endpoint is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(
      source,
      `unsupported scheme ${url.protocol} (use https, or http on loopback)`,
    );
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const loopback = isLoopback(hostname);
  const secure = url.protocol === "https:";
  if (!secure && !loopback && !allowInsecureHttp) throw new InsecureEndpointError(url.origin, source);
  return { origin: url.origin, host: url.host, hostname, secure, loopback, source, fix };
}

function pickEndpoint(
  optionEndpoint: string | undefined,
  region: string,
  ctx: ResolutionContext,
): [endpoint: string, source: string, fix: string] {
  const configFix = (key: string) => `see \`pulumi config get ${key}\``;
  const { endpoint, endpoints } = CONFIG_KEYS;
  if (present(optionEndpoint))
    return [optionEndpoint, "client option `endpoint`", "see the client's options"];
  const own = ctx.config[endpoint];
  if (present(own)) return [own, `Pulumi config ${endpoint}`, configFix(endpoint)];
  const fromEndpoints = fromEndpointsConfig(ctx.config[endpoints], PRODUCT);
  if (fromEndpoints) return [fromEndpoints, `Pulumi config ${endpoints} (vpc)`, configFix(endpoints)];
  const fromEnv = firstEnv(ctx.env, ENV_KEYS.endpoint);
  if (fromEnv) {
    return [
      fromEnv.value,
      `environment ${fromEnv.name}`,
      `change ${fromEnv.name}, or unset it to use https://${PRODUCT}.<region>.aliyuncs.com`,
    ];
  }
  return [
    defaultEndpoint(region),
    `region ${region} (its default endpoint)`,
    `check the region ID "${region}" (the route's region input, else ${CONFIG_KEYS.region}, ` +
      `${ENV_KEYS.region.join(" or ")}), or set ${ENV_KEYS.endpoint[0]} / ${endpoint}`,
  ];
}

/**
 * One product's entry (`vpc`, `sts`) of `alicloud:endpoints`: a list of objects in @pulumi/alicloud
 * (`[{ vpc: "..." }]`); accept one object too.
 */
export function fromEndpointsConfig(text: string | undefined, product: string): string | undefined {
  if (!present(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`Pulumi config ${CONFIG_KEYS.endpoints}`, "not valid JSON");
  }
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  for (const entry of entries) {
    const value = (entry as Record<string, unknown> | null)?.[product];
    if (typeof value === "string" && present(value)) return value;
  }
  return undefined;
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) and `localhost`. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost") return true;
  if (!ipaddr.isValid(host)) return false;
  let addr = ipaddr.parse(host);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr.range() === "loopback";
}

// ---- aliyun CLI profile ----

/** One profile of `~/.aliyun/config.json`, with the fields this client reads. */
export interface AliyunProfile {
  name: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  region_id?: string;
  ram_role_arn?: string;
  ram_session_name?: string;
  expired_seconds?: number;
  external_id?: string;
  ram_role_name?: string;
  source_profile?: string;
  oidc_provider_arn?: string;
  oidc_token_file?: string;
  sts_endpoint?: string;
}

export interface ProfileLookup {
  path: string;
  /** The profile name and where it came from, e.g. `"ops" (from alicloud:profile)`. */
  wanted: string;
  profile?: AliyunProfile;
  /** Every profile of the file (ChainableRamRoleArn names another one). */
  all?: AliyunProfile[];
  /** Why no profile is available; never quotes file content (it may hold secrets). */
  problem?: string;
}

interface AliyunConfigFile {
  current?: string;
  profiles?: AliyunProfile[];
}

/** Reads the aliyun CLI profile file now (not cached: credentials are resolved when a call is made). */
export function lookupProfile(ctx: ResolutionContext): ProfileLookup {
  const path = profileFilePath(ctx);
  const fromConfig = ctx.config[CONFIG_KEYS.profile];
  const fromEnv = firstEnv(ctx.env, ENV_KEYS.profile);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const wanted = present(fromConfig) ? fromConfig : (fromEnv?.value ?? "(current)");
    return { path, wanted, problem: code === "ENOENT" ? "file not found" : `file not readable (${code})` };
  }
  let file: AliyunConfigFile;
  try {
    file = JSON.parse(text) as AliyunConfigFile;
  } catch {
    // Not the parser's message: it can quote the file, secrets included.
    return { path, wanted: "(any)", problem: "file is not valid JSON" };
  }
  let name: string;
  let wanted: string;
  if (present(fromConfig)) {
    name = fromConfig;
    wanted = `"${name}" (from ${CONFIG_KEYS.profile})`;
  } else if (fromEnv) {
    name = fromEnv.value;
    wanted = `"${name}" (from ${fromEnv.name})`;
  } else if (present(file.current)) {
    name = file.current;
    wanted = `"${name}" (the file's current)`;
  } else {
    name = DEFAULT_PROFILE_NAME;
    wanted = `"${name}" (no current profile named)`;
  }
  const profile = Array.isArray(file.profiles) ? file.profiles.find((p) => p?.name === name) : undefined;
  if (!profile) return { path, wanted, problem: "no such profile in the file" };
  return { path, wanted, profile, all: file.profiles };
}

/** `alicloud:sharedCredentialsFile`, ALICLOUD_SHARED_CREDENTIALS_FILE / ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json. */
function profileFilePath(ctx: ResolutionContext): string {
  const fromConfig = ctx.config[CONFIG_KEYS.sharedCredentialsFile];
  if (present(fromConfig)) return fromConfig;
  const fromEnv = firstEnv(ctx.env, ENV_KEYS.sharedCredentialsFile);
  if (fromEnv) return fromEnv.value;
  return join(ctx.homeDir, ...ALIYUN_CONFIG_PATH);
}
