import { RegionNotFoundError } from "../errors";
import { firstEnv, present, type ResolutionContext } from "./context";
import { CONFIG_KEYS, ENV_KEYS } from "./keys";
import { lookupProfile } from "./profileFile";

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

export function defaultRegion(optionRegion: string | undefined, ctx: ResolutionContext): string | undefined {
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
