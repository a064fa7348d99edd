import ipaddr from "ipaddr.js";
import { ConfigurationError } from "../errors";
import { InsecureEndpointError } from "../errors";
import { PRODUCT } from "../constants";
import { firstEnv, present, type ResolutionContext } from "./context";
import { CONFIG_KEYS, ENV_KEYS } from "./keys";

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
export function defaultEndpoint(region: string): string {
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
