/** Names and limits of the Pulumi side of the product. API codes and limits live in provider/api/. */

/** The npm package name; the serialized provider finds the runtime through it. */
export const PACKAGE_NAME = "alicloud-vpn-routes";
/** Module passed to `dynamic.Resource`: types become `pulumi-nodejs:dynamic/alicloud-vpn:<Type>`. */
export const RESOURCE_MODULE = "alicloud-vpn";
export const VPN_ROUTE_ENTRY_TYPE = "VpnRouteEntry";
export const VPN_PBR_ROUTE_ENTRY_TYPE = "VpnPbrRouteEntry";
export const VPN_ROUTE_ENTRY_TOKEN = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${VPN_ROUTE_ENTRY_TYPE}`;
export const VPN_PBR_ROUTE_ENTRY_TOKEN = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${VPN_PBR_ROUTE_ENTRY_TYPE}`;

/** The property under which the engine stores the serialized provider (inputs and outputs). */
export const PROVIDER_KEY = "__provider";
/** What an input that is not known yet looks like to check/diff during a preview (even for numbers/booleans). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Route weights the API accepts: 100 = active, 0 = standby. */
export const WEIGHT_ACTIVE = 100;
export const WEIGHT_STANDBY = 0;
export const ALLOWED_WEIGHTS: readonly number[] = [WEIGHT_STANDBY, WEIGHT_ACTIVE];

export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 100;
/** The API's default for policy-based routes; check() writes it into the inputs so diff sees it. */
export const DEFAULT_PRIORITY = 10;

export const DESCRIPTION_MIN_LENGTH = 1;
export const DESCRIPTION_MAX_LENGTH = 100;
export const FORBIDDEN_DESCRIPTION_PREFIXES: readonly string[] = ["http://", "https://"];

/** The only overlay mode the API documents. */
export const OVERLAY_MODES: readonly string[] = ["Ipsec"];

/** Route entry states reported by the listings. */
export const STATE_PUBLISHED = "published";
export const STATE_NORMAL = "normal";

/** Create errors that mean "this route is there already" (the real code is undocumented; the emulator's first). */
export const ALREADY_EXISTS_CODE_PARTS: readonly string[] = ["AlreadyExist", "Duplicate"];

/** The answer to a route whose next hop is not an IPsec connection of the gateway. */
export const NEXT_HOP_NOT_FOUND_CODE = "InvalidNextHop.NotFound";

/** Polling of the route listing until it shows the requested state. @default 1000 ms, growing 1.5x to 10 s */
export const DEFAULT_LISTING_POLL_MS = 1_000;
export const MAX_LISTING_POLL_MS = 10_000;
export const LISTING_POLL_GROWTH = 1.5;

/**
 * How long a listing keeps answering reads when this process has not written to the gateway since: long
 * enough for the engine's reads of one refresh, short enough that a later operation lists afresh.
 */
export const LISTING_MAX_AGE_MS = 30_000;

/**
 * After a write, how often to ask the gateway whether it is active (intervals growing to 10 s): from
 * GATEWAY_FIRST_POLL_MS by 1.5x before any write on the gateway has been timed, then from a twentieth of the
 * learned time (at least 50 ms) by 1.1x, so the looks stay close together around when it is expected done.
 */
export const GATEWAY_FIRST_POLL_MS = 200;
export const GATEWAY_FIRST_POLL_GROWTH = 1.5;
export const GATEWAY_LEARNED_POLL_GROWTH = 1.1;
export const GATEWAY_POLL_FRACTION = 0.05;
export const GATEWAY_MIN_POLL_MS = 50;
/** The longest learned apply time waited before the first look at the gateway. */
export const MAX_EXPECTED_APPLY_MS = 30_000;
/** When a gateway was already active at the first look, the next wait is this fraction of what it took. */
export const APPLY_TIME_SHRINK = 0.98;

/**
 * How long a promotion that must first set the destination's active route to standby waits for that route's
 * declaration to reach this provider (its check arrives while the promotion runs when the engine registers
 * the promotion first).
 */
export const SIBLING_DECLARATION_WAIT_MS = 5_000;
/**
 * After a weight write has been applied (the gateway is active again), how long the listing may take to show
 * the new weight before the write counts as ignored (WeightNotAppliedError) rather than slow.
 */
export const WEIGHT_CONFIRM_MS = 10_000;
