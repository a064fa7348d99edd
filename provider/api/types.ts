/**
 * Request and response shapes of the VPC API (2016-04-28) actions the product uses, named after the API's
 * own fields so that a reader can hold them against the API reference.
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
