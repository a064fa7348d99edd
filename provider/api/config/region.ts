import { RegionNotFoundError } from "../errors/RegionNotFoundError";
import { firstEnv, present, type ResolutionContext } from "./context";
import { CONFIG_KEYS, ENV_KEYS } from "./keys";
import { lookupProfile } from "./profileFile";

/**
 * Region from the client option, then config `alicloud:region`, then `ALICLOUD_REGION` /
 * `ALIBABA_CLOUD_REGION`, then the CLI profile's `region_id`; undefined when none names one.
 */
export function defaultRegion(optionRegion: string | undefined, ctx: ResolutionContext): string | undefined {
  if (present(optionRegion)) return optionRegion;
  const fromConfig = ctx.config[CONFIG_KEYS.region];
  if (present(fromConfig)) return fromConfig;
  const fromEnv = firstEnv(ctx.env, ENV_KEYS.region);
  if (fromEnv) return fromEnv.value;
  const profileRegion = lookupProfile(ctx).profile?.region_id;
  return present(profileRegion) ? profileRegion : undefined;
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
