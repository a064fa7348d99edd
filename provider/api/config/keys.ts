/** Configuration keys and environment variables, named as @pulumi/alicloud and terraform name them. */

export const CONFIG_KEYS = {
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
  region: "alicloud:region",
  profile: "alicloud:profile",
  endpoints: "alicloud:endpoints",
  /** This package's own override of the VPC endpoint (a full URL). */
  endpoint: "alicloud-vpn:endpoint",
  /** This package's overall deadline per logical operation, in seconds. */
  deadlineSeconds: "alicloud-vpn:deadlineSeconds",
} as const;

/** Each list is in order of preference: terraform's name first, then the Alibaba Cloud SDKs'. */
export const ENV_KEYS = {
  accessKey: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"],
  secretKey: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
  securityToken: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"],
  region: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
  profile: ["ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"],
  endpoint: ["ALIBABA_CLOUD_ENDPOINT_VPC", "VPC_ENDPOINT"],
} as const;

/** The aliyun CLI's profile file, relative to the home directory. */
export const ALIYUN_CONFIG_PATH = [".aliyun", "config.json"] as const;
export const DEFAULT_PROFILE_NAME = "default";
export const PROFILE_MODES = { ak: "AK", sts: "StsToken" } as const;
