/**
 * The shapes the client speaks in: requests and responses of the VPC API (2016-04-28) actions the product
 * uses, named after the API's own fields so that a reader can hold them against the API reference; and the
 * credentials that sign them (static keys, or how a session is obtained).
 */

/** `published`: advertised to the VPC system route table; `normal`: not advertised. */
export type RouteState = "published" | "normal" | string;
/** A route's weight: 100 = active, 0 = standby. The API takes no other value, so neither does the type. */
export type RouteWeight = 0 | 100;
/**
 * A route's kind, PublishVpnRouteEntry's `RouteType`: `dbr`, a destination-based route (VpnRouteEntry);
 * `pbr`, a policy-based route (VpnPbrRouteEntry).
 */
export type RouteType = "dbr" | "pbr";
/** A gateway's `Status` in DescribeVpnGateway; writes need `active` (`updating` while it applies one). */
export type GatewayStatus = "init" | "provisioning" | "active" | "updating" | "deleting" | string;

/** Every call names its region; the client fills it from configuration when omitted. */
export interface RegionScoped {
  /** The region, e.g. `cn-hangzhou`. @default the client's region (option, config, env, CLI profile) */
  RegionId?: string;
}

/** A call about one VPN gateway. */
export interface GatewayScoped extends RegionScoped {
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  VpnGatewayId: string;
}

/** What every answer of the API carries. */
export interface ResponseBase {
  /** The API's ID of the request, for Alibaba Cloud support. */
  RequestId: string;
}

// ---- destination-based routes (dbr) ----

/** CreateVpnRouteEntry: adds a destination-based route to the gateway. */
export interface CreateVpnRouteEntryRequest extends GatewayScoped {
  /** Destination CIDR block, e.g. `10.0.0.0/24`. */
  RouteDest: string;
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. */
  NextHop: string;
  /** 100 = active, 0 = standby. */
  Weight: number;
  /** Advertise the route to the VPC's system route table. */
  PublishVpc: boolean;
  /** 1-100 characters, not starting with `http://` or `https://`. @default none */
  Description?: string;
  /** Only `Ipsec`. @default not sent (the API's default) */
  OverlayMode?: string;
}

/** CreateVpnRouteEntry's answer: the route as the gateway took it. */
export interface CreateVpnRouteEntryResponse extends ResponseBase {
  /** The gateway's ID. */
  VpnInstanceId: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection the traffic goes to. */
  NextHop: string;
  /** 100 = active, 0 = standby. */
  Weight: number;
  /** `published` or `normal`. */
  State: RouteState;
  /** Creation time in milliseconds since the epoch. */
  CreateTime: number;
  /** The route's description. */
  Description?: string;
  /** `Ipsec`, when set. */
  OverlayMode?: string;
}

/** DeleteVpnRouteEntry: removes a destination-based route, named by its identity and current weight. */
export interface DeleteVpnRouteEntryRequest extends GatewayScoped {
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** The route's current weight. */
  Weight: number;
  /** Only `Ipsec`. @default not sent */
  OverlayMode?: string;
}

/** ModifyVpnRouteEntryWeight: changes a destination-based route's weight (active or standby). */
export interface ModifyVpnRouteEntryWeightRequest extends GatewayScoped {
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** The route's current weight. */
  Weight: number;
  /** The weight to set: 100 = active, 0 = standby. */
  NewWeight: number;
  /** Only `Ipsec`. @default not sent */
  OverlayMode?: string;
}

/** PublishVpnRouteEntry: advertises a route to the VPC's system route table, or withdraws it. */
export interface PublishVpnRouteEntryRequest extends GatewayScoped {
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** `dbr` (destination-based) or `pbr` (policy-based). */
  RouteType: RouteType;
  /** `true` to advertise, `false` to withdraw. */
  PublishVpc: boolean;
}

/** DescribeVpnRouteEntries: the gateway's destination-based routes, a page at a time. */
export interface DescribeVpnRouteEntriesRequest extends GatewayScoped {
  /** `custom` (default) or `bgp`. */
  RouteEntryType?: "custom" | "bgp";
}

/** One entry of DescribeVpnRouteEntries. Listings carry no Description. */
export interface VpnRouteEntry {
  /** The gateway's ID. */
  VpnInstanceId: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection the traffic goes to. */
  NextHop: string;
  /** The tunnel of the next hop, on a dual-tunnel gateway. */
  NextHopTunnelId?: string;
  /** 100 = active, 0 = standby. */
  Weight: number;
  /** `published` or `normal`. */
  State: RouteState;
  /** Creation time in milliseconds since the epoch. */
  CreateTime: number;
  /** `custom` or `bgp`. */
  RouteEntryType?: string;
  /** Where the route comes from, e.g. `CLOUD` for a custom route. */
  Source?: string;
  /** The AS path of a BGP route. */
  AsPath?: string;
  /** The community of a BGP route. */
  Community?: string;
}

// ---- policy-based routes (pbr) ----

/** CreateVpnPbrRouteEntry: adds a policy-based route to the gateway. */
export interface CreateVpnPbrRouteEntryRequest extends GatewayScoped {
  /** Source CIDR block, e.g. `192.168.0.0/24`. */
  RouteSource: string;
  /** Destination CIDR block, e.g. `10.0.0.0/24`. */
  RouteDest: string;
  /** The IPsec connection the traffic goes to, e.g. `vco-bp15oes1py4i66rmd****`. */
  NextHop: string;
  /** 100 = active, 0 = standby. */
  Weight: number;
  /** Advertise the route to the VPC's system route table. */
  PublishVpc: boolean;
  /** 1-100, smaller wins. @default 10 */
  Priority?: number;
  /** 1-100 characters, not starting with `http://` or `https://`. @default none */
  Description?: string;
  /** Only `Ipsec`. @default not sent (the API's default) */
  OverlayMode?: string;
}

/** CreateVpnPbrRouteEntry's answer: the route as the gateway took it. */
export interface CreateVpnPbrRouteEntryResponse extends CreateVpnRouteEntryResponse {
  /** Source CIDR block. */
  RouteSource: string;
  /** 1-100, smaller wins. */
  Priority?: number;
}

/** DeleteVpnPbrRouteEntry: removes a policy-based route, named by its identity and current weight. */
export interface DeleteVpnPbrRouteEntryRequest extends GatewayScoped {
  /** Source CIDR block. */
  RouteSource: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** The route's current weight. */
  Weight: number;
  /** The route's current priority. @default not sent */
  Priority?: number;
  /** Only `Ipsec`. @default not sent */
  OverlayMode?: string;
}

/** ModifyVpnPbrRouteEntryWeight: changes a policy-based route's weight (active or standby). */
export interface ModifyVpnPbrRouteEntryWeightRequest extends GatewayScoped {
  /** Source CIDR block. */
  RouteSource: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** The route's current weight. */
  Weight: number;
  /** The weight to set: 100 = active, 0 = standby. */
  NewWeight: number;
  /** The route's current priority. @default not sent */
  Priority?: number;
  /** Only `Ipsec`. @default not sent */
  OverlayMode?: string;
}

/** ModifyVpnPbrRouteEntryPriority: changes a policy-based route's priority. */
export interface ModifyVpnPbrRouteEntryPriorityRequest extends GatewayScoped {
  /** Source CIDR block. */
  RouteSource: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** The route's current weight. */
  Weight: number;
  /** The priority to set: 1-100, smaller wins. */
  NewPriority: number;
  /** The current priority. */
  Priority?: number;
}

/**
 * A policy route's weight and priority in one call (SDK model ModifyVpnPbrRouteEntryAttributeRequest): the
 * current Weight and Priority, and at least one of NewWeight / NewPriority. On a dual-tunnel gateway only the
 * priority takes effect.
 */
export interface ModifyVpnPbrRouteEntryAttributeRequest extends GatewayScoped {
  /** Source CIDR block. */
  RouteSource: string;
  /** Destination CIDR block. */
  RouteDest: string;
  /** The IPsec connection of the route. */
  NextHop: string;
  /** The route's current weight. */
  Weight: number;
  /** The route's current priority. */
  Priority: number;
  /** The weight to set. @default unchanged */
  NewWeight?: number;
  /** The priority to set. @default unchanged */
  NewPriority?: number;
}

/** DescribeVpnPbrRouteEntries: the gateway's policy-based routes, a page at a time. */
export type DescribeVpnPbrRouteEntriesRequest = GatewayScoped;

/** One entry of DescribeVpnPbrRouteEntries. */
export interface VpnPbrRouteEntry extends VpnRouteEntry {
  /** Source CIDR block. */
  RouteSource: string;
  /** 1-100, smaller wins. */
  Priority: number;
}

// ---- gateway ----

/** DescribeVpnGateway: one gateway's status and attributes. */
export type DescribeVpnGatewayRequest = GatewayScoped;

/** DescribeVpnGateway's answer (fields this package reads; the others pass through). */
export interface DescribeVpnGatewayResponse extends ResponseBase {
  /** The gateway's ID. */
  VpnGatewayId: string;
  /** The VPC the gateway belongs to. */
  VpcId?: string;
  /** `active` when it takes writes; `updating` while it applies one. */
  Status: GatewayStatus;
  /** `Normal` or `FinancialLocked`. */
  BusinessStatus?: string;
  /** The gateway's name. */
  Name?: string;
  /** The gateway's description. */
  Description?: string;
  /** A JSON string; contains `PbrPriority` when priorities are supported. */
  Tag?: string;
  /**
   * Set only on gateways in dual-tunnel mode, where Modify*Weight succeeds without changing the weight
   * (Alibaba's reference for ModifyVpnRouteEntryWeight, January 2026).
   */
  DisasterRecoveryVSwitchId?: string;
  /** The second tunnel's public IP, on a gateway in dual-tunnel mode. */
  DisasterRecoveryInternetIp?: string;
  [field: string]: unknown;
}

/** A page of a listing as the API returns it. */
export interface Page<T> extends ResponseBase {
  /** The page's number, from 1. */
  PageNumber: number;
  /** Entries per page (at most 50). */
  PageSize: number;
  /** Entries in the whole listing. */
  TotalCount: number;
  /** The page's entries. */
  entries: T[];
}

// ---- credentials ----

/** Keys to sign with. */
export interface StaticCredentials {
  /** Access key ID. */
  accessKeyId: string;
  /** Access key secret. */
  accessKeySecret: string;
  /** An STS token; sent as `x-acs-security-token` (ACS3) or `SecurityToken` (RPC). */
  securityToken?: string;
}

/** Where STS is reached: a host (and port), called over https. */
export interface StsTarget {
  /** e.g. `sts.aliyuncs.com`, `127.0.0.1:8443`. @default the SDK's choice (sts.aliyuncs.com, or ALIBABA_CLOUD_STS_REGION's) */
  endpoint?: string;
}

export interface AssumeRoleSpec extends StsTarget {
  roleArn: string;
  sessionName: string;
  policy?: string;
  /** Seconds, 900-43200. */
  sessionExpiration: number;
  externalId?: string;
}

export interface OidcSpec extends StsTarget {
  oidcProviderArn: string;
  roleArn: string;
  roleSessionName: string;
  /** Read anew at every fetch (CI runners rotate it). */
  oidcTokenFile?: string;
  /** Inline token, when no file is given. */
  oidcToken?: string;
  policy?: string;
  sessionExpiration: number;
}

/** What configuration resolves to, before any network call: static keys, or how to get a session. */
export type CredentialSpec =
  | { kind: "static"; credentials: StaticCredentials }
  | { kind: "assumeRole"; base: CredentialSpec; role: AssumeRoleSpec }
  | { kind: "oidc"; oidc: OidcSpec }
  | { kind: "uri"; uri: string }
  | { kind: "ecs"; roleName?: string; metadataOrigin: string; disableImdsV1: boolean };

/** Temporary credentials and the instant (epoch ms) they stop working. */
export interface Session extends StaticCredentials {
  securityToken: string;
  expiresAt: number;
}
