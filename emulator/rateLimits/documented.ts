/**
 * Alibaba's published API rate limits of the VPN Gateway actions this emulator serves: calls per 60 s,
 * counted per region, per API and per parent account ("API rate limits", VPN Gateway developer reference,
 * `api-vpc-2016-04-28-quota-vpns`; dimension `regionId,API,ParentUid`). Four of the eleven rows could not be
 * read from the page; those take the figure of their sibling action and say so (CHOICES.md).
 */
export const RATE_LIMIT_PERIOD_MS = 60_000;

/** One action's documented rate limit, and where the figure was read. */
export interface DocumentedLimit {
  /** Calls allowed per RATE_LIMIT_PERIOD_MS. */
  perPeriod: number;
  /** `page`: read on the reference page; `sibling`: not readable there, taken from the action's sibling. */
  source: "page" | "sibling";
}

/** Alibaba's documented calls per 60 s for each action, per parent account and region (VPN Gateway "API rate limits"). */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, DocumentedLimit>> = {
  CreateVpnRouteEntry: { perPeriod: 60, source: "sibling" },
  DeleteVpnRouteEntry: { perPeriod: 60, source: "page" },
  DescribeVpnRouteEntries: { perPeriod: 600, source: "sibling" },
  ModifyVpnRouteEntryWeight: { perPeriod: 120, source: "page" },
  PublishVpnRouteEntry: { perPeriod: 60, source: "page" },
  CreateVpnPbrRouteEntry: { perPeriod: 60, source: "page" },
  DeleteVpnPbrRouteEntry: { perPeriod: 60, source: "sibling" },
  DescribeVpnPbrRouteEntries: { perPeriod: 600, source: "page" },
  ModifyVpnPbrRouteEntryWeight: { perPeriod: 120, source: "page" },
  ModifyVpnPbrRouteEntryPriority: { perPeriod: 120, source: "sibling" },
  ModifyVpnPbrRouteEntryAttribute: { perPeriod: 120, source: "page" },
  DescribeVpnGateway: { perPeriod: 600, source: "page" },
};
