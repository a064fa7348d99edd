import { ConfigurationError } from "../errors";

/**
 * Alibaba's per-API rate limits for the actions this client calls: calls per 60 s, counted per region, per
 * API and per parent account (VPN Gateway "API rate limits", `api-vpc-2016-04-28-quota-vpns`). The page's
 * rows for CreateVpnRouteEntry, DescribeVpnRouteEntries, DeleteVpnPbrRouteEntry and
 * ModifyVpnPbrRouteEntryPriority could not be read; they take their siblings' figures.
 */
export const RATE_LIMIT_PERIOD_MS = 60_000;

export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  CreateVpnRouteEntry: 60,
  DeleteVpnRouteEntry: 60,
  DescribeVpnRouteEntries: 600,
  ModifyVpnRouteEntryWeight: 120,
  PublishVpnRouteEntry: 60,
  CreateVpnPbrRouteEntry: 60,
  DeleteVpnPbrRouteEntry: 60,
  DescribeVpnPbrRouteEntries: 600,
  ModifyVpnPbrRouteEntryWeight: 120,
  ModifyVpnPbrRouteEntryPriority: 120,
  ModifyVpnPbrRouteEntryAttribute: 120,
  DescribeVpnGateway: 600,
};

/** What `alicloud-vpn:rateLimits` (or ALICLOUD_VPN_RATE_LIMITS) may say. */
export interface RateLimitSettings {
  /** No budget at all (calls go out as fast as they are made). */
  off: boolean;
  /** Multiplies every documented figure (an account whose limits Alibaba raised). */
  scale: number;
  /** Calls per 60 s for named actions, over the documented figure. */
  perMinute: Record<string, number>;
}

export const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = { off: false, scale: 1, perMinute: {} };

/** `off`, or a JSON object `{ "scale": 2, "CreateVpnRouteEntry": 120 }`; absent: the documented figures. */
export function parseRateLimits(text: string | undefined, where: string): RateLimitSettings {
  if (text === undefined || text.trim() === "") return DEFAULT_RATE_LIMIT_SETTINGS;
  if (text.trim().toLowerCase() === "off") return { ...DEFAULT_RATE_LIMIT_SETTINGS, off: true };
  const expected = 'expected "off" or a JSON object such as {"scale": 2} or {"CreateVpnRouteEntry": 120}';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(where, expected);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigurationError(where, expected);
  }
  const settings: RateLimitSettings = { off: false, scale: 1, perMinute: {} };
  for (const [name, figure] of Object.entries(value)) {
    if (typeof figure !== "number" || !(figure > 0)) {
      throw new ConfigurationError(where, `"${name}" must be a positive number of calls per 60 s`);
    }
    if (name === "scale") settings.scale = figure;
    else settings.perMinute[name] = figure;
  }
  return settings;
}

/** Calls per 60 s the budget allows an action, or undefined when it is not limited. */
export function limitOf(action: string, settings: RateLimitSettings): number | undefined {
  if (settings.off) return undefined;
  const own = settings.perMinute[action];
  if (own !== undefined) return own;
  const documented = DOCUMENTED_RATE_LIMITS[action];
  return documented === undefined ? undefined : documented * settings.scale;
}
