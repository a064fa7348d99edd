/**
 * The shapes the client speaks in: requests and responses of the VPC API (2016-04-28) actions the product
 * uses, named after the API's own fields so that a reader can hold them against the API reference; and the
 * credentials that sign them (static keys, or how a session is obtained).
 */

/** `published`: advertised to the VPC system route table; `normal`: not advertised. */
export type RouteState = "published" | "normal" | string;
/** 100 = active, 0 = standby. */
export type RouteWeight = 0 | 100;
export type RouteType = "dbr" | "pbr";
export type GatewayStatus = "init" | "provisioning" | "active" | "updating" | "deleting" | string;

/** Every call names its region; the client fills it from configuration when omitted. */
export interface RegionScoped {
  RegionId?: string;
}

export interface GatewayScoped extends RegionScoped {
  VpnGatewayId: string;
}

export interface ResponseBase {
  RequestId: string;
}

// ---- destination-based routes (dbr) ----

export interface CreateVpnRouteEntryRequest extends GatewayScoped {
  RouteDest: string;
  NextHop: string;
  Weight: number;
  PublishVpc: boolean;
  Description?: string;
  OverlayMode?: string;
}

export interface CreateVpnRouteEntryResponse extends ResponseBase {
  VpnInstanceId: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
  State: RouteState;
  CreateTime: number;
  Description?: string;
  OverlayMode?: string;
}

export interface DeleteVpnRouteEntryRequest extends GatewayScoped {
  RouteDest: string;
  NextHop: string;
  Weight: number;
  OverlayMode?: string;
}

export interface ModifyVpnRouteEntryWeightRequest extends GatewayScoped {
  RouteDest: string;
  NextHop: string;
  Weight: number;
  NewWeight: number;
  OverlayMode?: string;
}

export interface PublishVpnRouteEntryRequest extends GatewayScoped {
  RouteDest: string;
  NextHop: string;
  RouteType: RouteType;
  PublishVpc: boolean;
}

export interface DescribeVpnRouteEntriesRequest extends GatewayScoped {
  /** `custom` (default) or `bgp`. */
  RouteEntryType?: "custom" | "bgp";
}

/** One entry of DescribeVpnRouteEntries. Listings carry no Description. */
export interface VpnRouteEntry {
  VpnInstanceId: string;
  RouteDest: string;
  NextHop: string;
  NextHopTunnelId?: string;
  Weight: number;
  State: RouteState;
  CreateTime: number;
  RouteEntryType?: string;
  Source?: string;
  AsPath?: string;
  Community?: string;
}

// ---- policy-based routes (pbr) ----

export interface CreateVpnPbrRouteEntryRequest extends GatewayScoped {
  RouteSource: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
  PublishVpc: boolean;
  /** 1-100, smaller wins. @default 10 */
  Priority?: number;
  Description?: string;
  OverlayMode?: string;
}

export interface CreateVpnPbrRouteEntryResponse extends CreateVpnRouteEntryResponse {
  RouteSource: string;
  Priority?: number;
}

export interface DeleteVpnPbrRouteEntryRequest extends GatewayScoped {
  RouteSource: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
  Priority?: number;
  OverlayMode?: string;
}

export interface ModifyVpnPbrRouteEntryWeightRequest extends GatewayScoped {
  RouteSource: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
  NewWeight: number;
  Priority?: number;
  OverlayMode?: string;
}

export interface ModifyVpnPbrRouteEntryPriorityRequest extends GatewayScoped {
  RouteSource: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
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
  RouteSource: string;
  RouteDest: string;
  NextHop: string;
  Weight: number;
  Priority: number;
  NewWeight?: number;
  NewPriority?: number;
}

export type DescribeVpnPbrRouteEntriesRequest = GatewayScoped;

export interface VpnPbrRouteEntry extends VpnRouteEntry {
  RouteSource: string;
  Priority: number;
}

// ---- gateway ----

export type DescribeVpnGatewayRequest = GatewayScoped;

export interface DescribeVpnGatewayResponse extends ResponseBase {
  VpnGatewayId: string;
  VpcId?: string;
  Status: GatewayStatus;
  /** `Normal` or `FinancialLocked`. */
  BusinessStatus?: string;
  Name?: string;
  Description?: string;
  /** A JSON string; contains `PbrPriority` when priorities are supported. */
  Tag?: string;
  /**
   * Set only on gateways in dual-tunnel mode, where Modify*Weight succeeds without changing the weight
   * (Alibaba's reference for ModifyVpnRouteEntryWeight, January 2026).
   */
  DisasterRecoveryVSwitchId?: string;
  DisasterRecoveryInternetIp?: string;
  [field: string]: unknown;
}

/** A page of a listing as the API returns it. */
export interface Page<T> extends ResponseBase {
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
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
