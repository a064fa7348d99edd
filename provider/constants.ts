/** Names and limits of the Pulumi side of the product. API codes and limits live in provider/api/. */

/** The route resources' module: types are `pulumi-nodejs:dynamic/alicloud-vpn:<Type>`. */
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
export const VPN_GATEWAY_ROUTE_TABLE_TYPE = "VpnGatewayRouteTable";
export const VPN_GATEWAY_ROUTE_TABLE_TOKEN = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${VPN_GATEWAY_ROUTE_TABLE_TYPE}`;

/** A route made by Create*RouteEntry is a custom route; listings say `custom` (BGP-learned ones `bgp`). */
export const CUSTOM_ROUTE_ENTRY_TYPE = "custom";
