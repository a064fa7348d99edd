/**
 * What configuration is read from: the stack config keys and environment variables (named as @pulumi/alicloud
 * and terraform name them), the context a call resolves them in, and the client's defaults. A leaf: it
 * imports nothing, so error messages (codes.ts) can name the keys without an import cycle.
 */

export const CONFIG_KEYS = {
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
  region: "alicloud:region",
  profile: "alicloud:profile",
  sharedCredentialsFile: "alicloud:sharedCredentialsFile",
  /** JSON object { roleArn, sessionName, policy, sessionExpiration, externalId }. */
  assumeRole: "alicloud:assumeRole",
  /** JSON object { oidcProviderArn, oidcToken, oidcTokenFile, roleArn, roleSessionName, policy, sessionExpiration }. */
  assumeRoleWithOidc: "alicloud:assumeRoleWithOidc",
  ecsRoleName: "alicloud:ecsRoleName",
  credentialsUri: "alicloud:credentialsUri",
  /** JSON list of objects (`[{ vpc: "...", sts: "..." }]`), as @pulumi/alicloud takes it. */
  endpoints: "alicloud:endpoints",
  /** This package's own override of the VPC endpoint (a full URL). */
  endpoint: "alicloud-vpn:endpoint",
  /** This package's overall deadline per logical operation, in seconds. */
  deadlineSeconds: "alicloud-vpn:deadlineSeconds",
  /** The per-API call budget: `off`, or JSON `{ "scale": 2, "CreateVpnRouteEntry": 120 }` (calls per 60 s). */
  rateLimits: "alicloud-vpn:rateLimits",
} as const;

/** Each list is in order of preference: terraform's name first, then the Alibaba Cloud SDKs'. */
export const ENV_KEYS = {
  accessKey: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"],
  secretKey: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
  securityToken: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"],
  region: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
  profile: ["ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"],
  sharedCredentialsFile: ["ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CONFIG_FILE"],
  roleArn: ["ALICLOUD_ASSUME_ROLE_ARN", "ALIBABA_CLOUD_ROLE_ARN"],
  roleSessionName: ["ALICLOUD_ASSUME_ROLE_SESSION_NAME", "ALIBABA_CLOUD_ROLE_SESSION_NAME"],
  sessionExpiration: ["ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"],
  oidcProviderArn: ["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"],
  oidcTokenFile: ["ALIBABA_CLOUD_OIDC_TOKEN_FILE"],
  oidcRoleArn: ["ALIBABA_CLOUD_ROLE_ARN"],
  ecsRoleName: ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"],
  credentialsUri: ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"],
  /** Set by tests to "true"; the ECS metadata service is then never asked (unless redirected to loopback). */
  ecsMetadataDisabled: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"],
  /** Tests only: a loopback origin standing in for http://100.100.100.200 (anything else is refused). */
  ecsMetadataEndpoint: ["ALICLOUD_VPN_TEST_ECS_METADATA_ENDPOINT"],
  imdsV1Disabled: ["ALIBABA_CLOUD_IMDSV1_DISABLED"],
  endpoint: ["ALIBABA_CLOUD_ENDPOINT_VPC", "VPC_ENDPOINT"],
  /** This package's own: the per-API call budget, as `alicloud-vpn:rateLimits`. */
  rateLimits: ["ALICLOUD_VPN_RATE_LIMITS"],
  stsEndpoint: ["ALIBABA_CLOUD_ENDPOINT_STS", "STS_ENDPOINT"],
} as const;

/** The aliyun CLI's profile file, relative to the home directory. */
export const ALIYUN_CONFIG_PATH = [".aliyun", "config.json"] as const;
export const DEFAULT_PROFILE_NAME = "default";
export const PROFILE_MODES = {
  ak: "AK",
  sts: "StsToken",
  ramRoleArn: "RamRoleArn",
  ecsRamRole: "EcsRamRole",
  chainableRamRoleArn: "ChainableRamRoleArn",
  oidc: "OIDC",
} as const;

/** @default 10 minutes for one logical operation, retries and waits included. */
export const DEFAULT_DEADLINE_MS = 600_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/** Everything configuration is resolved from, captured per call so later changes are seen. */
export interface ResolutionContext {
  /** Pulumi stack config as `configure()` sees it, keys like `alicloud:region`. */
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
  homeDir: string;
}

/** A value counts as set only when it is a non-empty string. */
export function present(value: string | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The first set variable among `names`, with its name. */
export function firstEnv(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (present(value)) return { name, value };
  }
  return undefined;
}
