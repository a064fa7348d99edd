/** Public option types of the emulator. */

/** A gateway's `BusinessStatus`: `FinancialLocked` (overdue payment) refuses writes. */
export type BusinessStatus = "Normal" | "FinancialLocked";

/** A VPN gateway the emulator serves. */
export interface EmulatorGateway {
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  vpnGatewayId: string;
  /** The gateway's region. */
  regionId: string;
  /** Owner. @default the first credential's account */
  accountId?: string;
  /** Base status (`init | provisioning | active | updating | deleting`); writes need `active`. @default "active" */
  status?: string;
  /** @default "Normal" */
  businessStatus?: BusinessStatus;
  /** Entries allowed per table (destination routes, policy routes). @default 100 */
  routeQuota?: number;
  /** @default derived from the gateway ID */
  vpcId?: string;
  /** @default derived from the gateway ID */
  vSwitchId?: string;
  /**
   * The second vSwitch of a gateway in dual-tunnel mode (created with `DisasterRecoveryVSwitchId`). Such a
   * gateway answers ModifyVpnRouteEntryWeight / ModifyVpnPbrRouteEntryWeight with success and keeps the old
   * weight, as Alibaba's reference says. @default none (single-tunnel)
   */
  disasterRecoveryVSwitchId?: string;
  /** `Traditional`, or `Enhanced.SiteToSite` (dual-tunnel only). @default "Traditional" */
  gatewayType?: GatewayType;
  /**
   * IDs of the gateway's IPsec connections (`vco-...`): the only next hops its routes may use. Without it
   * the gateway is taken to have every connection ID a route names (see docs/emulator.md). @default any `vco-` ID
   */
  vpnConnections?: string[];
}

/** A gateway's `GatewayType`: `Traditional`, or `Enhanced.SiteToSite` (dual-tunnel only). */
export type GatewayType = "Traditional" | "Enhanced.SiteToSite";

/** An access key the emulator accepts, and the account it belongs to. */
export interface EmulatorCredential {
  /** Access key ID. */
  accessKeyId: string;
  /** Access key secret. */
  accessKeySecret: string;
  /** @default "1000000000000001" */
  accountId?: string;
  /** When set, the key behaves as an STS key: every request must carry this token. @default none */
  securityToken?: string;
  /** Epoch ms after which the key is refused with InvalidSecurityToken.Expired. @default never */
  expiresAt?: number;
}

/** A RAM role and its trust policy. */
export interface EmulatorRole {
  /** The owner. */
  accountId: string;
  /** The role's name. */
  roleName: string;
  /** Accounts whose RAM users and roles may assume it (trust policy `Principal.RAM`). @default [accountId] */
  trustedAccounts?: string[];
  /** OIDC provider ARNs it trusts (trust policy `Principal.Federated`). @default [] */
  trustedOidcProviders?: string[];
  /** Trust policy condition `sts:ExternalId`: AssumeRole must send this ExternalId. @default none */
  externalId?: string;
  /** Upper bound of DurationSeconds, 3600-43200. @default 3600 */
  maxSessionDuration?: number;
}

/** An OIDC identity provider registered in RAM (`acs:ram::<accountId>:oidc-provider/<name>`). */
export interface EmulatorOidcProvider {
  /** The owning account's ID. */
  accountId: string;
  /** The provider's name, the last part of its ARN. */
  name: string;
  /** Must equal the ID tokens' `iss`. */
  issuerUrl: string;
  /** One of these must be in the ID tokens' `aud`. */
  clientIds: string[];
  /** PEM public key the ID tokens are signed with (RS256). */
  publicKeyPem: string;
}

/** The STS endpoint (2015-04-01). Served over https only, as the SDKs call it. */
export interface EmulatorStsOptions {
  /** PEM key and certificate for 127.0.0.1 (tests make them at run time). */
  tls: {
    /** PEM private key. */
    key: string;
    /** PEM certificate for 127.0.0.1. */
    cert: string;
  };
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** Real lifetime of issued sessions, whatever DurationSeconds asked (Expiration says so). For tests of refresh. @default DurationSeconds */
  sessionLifetimeMs?: number;
}

/** Loopback stand-ins for an ECS instance's metadata service and a credentials URI, handing out sessions of one role. */
export interface EmulatorInstanceRoleOptions {
  /** The role whose sessions are handed out; it must be one of `roles`. */
  roleArn: string;
  /** Refuse metadata reads without an IMDSv2 token, as instances set to "enforce" do. @default false */
  requireImdsV2?: boolean;
  /** @default the STS sessions' lifetime (3600 s unless sts.sessionLifetimeMs / setStsSessionLifetime) */
  sessionLifetimeMs?: number;
}

/** Seeded faults: a share of requests throttled, failed, reset or slowed, the same for the same seed. */
export interface FaultOptions {
  /** Seed of the fault dice; the same seed and request order give the same faults. @default 1 */
  seed?: number;
  /** Percent of authenticated requests refused with `Throttling`, the service's flow control (the account's limit, `Throttling.User`, is `rateLimits`). @default 0 */
  throttlePct?: number;
  /** Value of `x-acs-retry-after` on throttled responses. @default 1 */
  retryAfterSeconds?: number;
  /** Percent answered with ServiceUnavailable (503) or InternalError (500), half each. @default 0 */
  serverErrorPct?: number;
  /** Percent whose connection is reset before the action runs (nothing applied). @default 0 */
  resetBeforeApplyPct?: number;
  /** Percent whose connection is reset after the action ran: the response is lost. @default 0 */
  resetAfterApplyPct?: number;
  /** Added latency per authenticated request. @default 0 */
  latencyMs?: number;
  /**
   * Percent of writes refused before they run with one of the busy codes terraform-provider-alicloud
   * retries (TaskConflict, Appliance.Configuring, VpnTask.CONFLICT, VpnConnection.Configuring), drawn from
   * dice of their own so the other faults' outcomes do not move. @default 0
   */
  busyPct?: number;
}

/**
 * The per-API rate limits (per parent account, region and action, as Alibaba counts them). By default the
 * documented figures (emulator/rateLimits/documented.ts); `false` turns them off.
 */
export interface RateLimitOptions {
  /** Multiplies every documented figure (a test that measures something else raises them). @default 1 */
  scale?: number;
  /** Calls per 60 s for the named actions, over the documented figure (not scaled). @default none */
  perMinute?: Record<string, number>;
}

/** Options of `startEmulator`; every one has a default, so `startEmulator()` serves two gateways. */
export interface EmulatorOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** How long each write keeps its gateway `updating`. @default 200 */
  configDelayMs?: number;
  /** Entries per table of every gateway that does not set its own `routeQuota`. @default 100 */
  routeQuota?: number;
  /** @default two gateways in cn-hangzhou (see DEFAULT_GATEWAYS) */
  gateways?: EmulatorGateway[];
  /** @default one account with generated credentials */
  credentials?: EmulatorCredential[];
  /** RAM roles of the accounts, for STS. @default none */
  roles?: EmulatorRole[];
  /** OIDC providers of the accounts, for AssumeRoleWithOIDC. @default none */
  oidcProviders?: EmulatorOidcProvider[];
  /** Serve STS on its own https port. @default not served */
  sts?: EmulatorStsOptions;
  /** Serve an ECS metadata service and a credentials URI on their own http port. @default not served */
  instanceRole?: EmulatorInstanceRoleOptions;
  /** @default no faults */
  faults?: FaultOptions;
  /** @default the documented per-API rate limits; `false` for none */
  rateLimits?: RateLimitOptions | false;
  /** JSON file the state is loaded from at start and written to (atomically) after each change. @default none */
  stateFile?: string;
  /** Milliseconds since the epoch. @default Date.now */
  clock?: () => number;
  /** Seed of request IDs and generated credentials. @default random */
  seed?: number;
}
