import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_KEYS, ALIYUN_CONFIG_PATH, DEFAULT_PROFILE_NAME, ENV_KEYS } from "./keys";
import { firstEnv, present, type ResolutionContext } from "./context";

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
