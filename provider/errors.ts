/**
 * The failures the route lifecycle throws, one class each, with a literal `name`. Each message says what
 * happened, what was (not) changed on the gateway, and what to do.
 */
import { CONFIG_KEYS, ENV_KEYS } from "./api/config/keys";
import { AlicloudVpnError, type VpcApiError } from "./api/errors";
import { VPN_PBR_ROUTE_ENTRY_TYPE, VPN_ROUTE_ENTRY_TYPE } from "./constants";
import type { RouteKind } from "./types";

const typeOf = (kind: RouteKind) => (kind === "pbr" ? VPN_PBR_ROUTE_ENTRY_TYPE : VPN_ROUTE_ENTRY_TYPE);

/**
 * create() stopped after the gateway took its write: cancelled (Ctrl-C, SIGTERM), or a later step failed (the
 * wait for the gateway, the confirmation, a sibling's weight change; the endpoint gone, the deadline). The
 * route exists, so the engine must record it, or the next `up` would find it and refuse to create it. The
 * dynamic provider host (@pulumi/pulumi cmd/dynamic-provider, grpcResponseFromError) reads an error with an
 * `id` as "created, but failed to initialise": the engine keeps the resource with `properties` and shows
 * `reasons`, and runs an update for it on the next `up`, which finishes the create.
 */
export class CreateInterruptedError extends AlicloudVpnError {
  override readonly name = "CreateInterruptedError" as const;
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  /** `cause`: the failure that stopped the create, undefined when it was cancelled. */
  constructor(id: string, inputs: Record<string, unknown>, region: string, cause?: unknown) {
    super(
      cause === undefined
        ? `Cancelled while route ${id} was being created: the gateway took the create, so the route is ` +
            "recorded in the state without its confirmed settings. The next `pulumi up` confirms it; " +
            "`pulumi refresh` reads it as it is."
        : `Route ${id} was created, but the create did not finish: ${errorMessage(cause)} The route is ` +
            "recorded in the state without its confirmed settings; once that is fixed, the next `pulumi up` " +
            "confirms it (`pulumi refresh` reads it as it is).",
    );
    this.id = id;
    // No state, createTime...: what only a listing can confirm stays out, which tells update() to confirm it.
    // The host stores these as they are: keep `__provider` (later operations load the provider from it), drop
    // undefined (a protobuf Struct cannot hold it).
    const defined = Object.entries({ ...inputs, region }).filter(([, value]) => value !== undefined);
    this.properties = Object.fromEntries(defined);
    this.reasons = [this.message];
  }
}

function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** create() named a next hop that is not one of the gateway's IPsec connections. */
export class NextHopNotFoundError extends AlicloudVpnError {
  override readonly name = "NextHopNotFoundError" as const;

  constructor(routeId: string, nextHop: string, vpnGatewayId: string, region: string, cause: VpcApiError) {
    super(
      `The route ${routeId} cannot be created: its next hop ${nextHop} is not an IPsec connection of VPN gateway ` +
        `${vpnGatewayId} in ${region}. Set nextHop to the ID of one of the gateway's IPsec connections ` +
        `(vco-..., listed in the VPN Gateway console under IPsec Connections), or create that connection first. ` +
        `(${cause.code}, RequestId ${cause.requestId ?? "none"})`,
      { cause },
    );
  }
}

/** create() found the route it was asked to create already on the gateway. */
export class RouteExistsError extends AlicloudVpnError {
  /** The class name, as a literal (`error.name`). */
  override readonly name = "RouteExistsError" as const;
  /**
   * Not `id`: the dynamic provider host reads any error with an `id` as "created, but failed to initialise"
   * and records the route with empty outputs ("resource init failed"), hiding this message.
   */
  readonly routeId: string;

  constructor(kind: RouteKind, id: string, region: string) {
    const type = typeOf(kind);
    super(
      `The route ${id} already exists in ${region} (created by hand, or by an earlier run that stopped before ` +
        `it could record it). To manage it with this ${type}, set \`adopt: true\` on the resource and run again: ` +
        `it takes the route over as it is and then applies your weight and publish settings. ` +
        `(Its import ID is "${id}", but Pulumi's \`import\` resource option and \`pulumi import\` cannot import ` +
        `dynamic resources: pulumi/pulumi#3550.) To create a different route instead, change routeDest or nextHop.`,
    );
    this.routeId = id;
  }
}

/**
 * Making a route active needs the destination's active route replaced at weight 0 first (dual-tunnel gateway,
 * or more than two routes for the destination), and this provider process has not been told how that route is
 * declared, so it cannot create it again as declared. Nothing was written.
 */
export class UndeclaredActiveRouteError extends AlicloudVpnError {
  /** The class name, as a literal (`error.name`). */
  override readonly name = "UndeclaredActiveRouteError" as const;

  constructor(kind: RouteKind, routeId: string, activeId: string, activeNextHop: string, waitedMs: number) {
    const type = typeOf(kind);
    super(
      `Cannot make route ${routeId} active (weight 100) yet: route ${activeId} is active for the same ` +
        `destination, and the gateway takes one active route per destination. Setting it to standby here means ` +
        `deleting it and creating it again (a dual-tunnel gateway ignores weight changes, and the API changes a ` +
        `route's weight only while no other route of its destination exists), which needs its declared settings, ` +
        `and no ${type} with nextHop "${activeNextHop}" reached this provider within ${Math.round(waitedMs / 1000)} s ` +
        `(the engine can run this update first, e.g. with --parallel 1). Declare the routes so the standby changes ` +
        `first: both in one VpnGatewayRoutes (it orders them), or give this ${type} the option ` +
        `\`dependsOn: [<the ${type} with nextHop "${activeNextHop}">]\` and declare that one with weight: 0, in the ` +
        `same program and with the same provider. Nothing was changed on the gateway; run \`pulumi up\` again ` +
        `after changing the program.`,
    );
  }
}

/** Two routes of one destination are declared active; the gateway takes one. Nothing was written. */
export class TwoActiveRoutesError extends AlicloudVpnError {
  /** The class name, as a literal (`error.name`). */
  override readonly name = "TwoActiveRoutesError" as const;

  constructor(kind: RouteKind, routeId: string, otherId: string) {
    super(
      `Routes ${routeId} and ${otherId} are both declared active (weight 100) for one destination; the gateway ` +
        `takes one active route per destination (the others are standby, weight 0). Set weight: 0 on the ` +
        `${typeOf(kind)} that should be the standby. Nothing was changed on the gateway.`,
    );
  }
}

/**
 * A weight write was answered with success but the listing still shows another weight once the gateway had
 * applied it: what Alibaba documents for Modify*Weight on a dual-tunnel gateway. Never taken as success.
 */
export class WeightNotAppliedError extends AlicloudVpnError {
  /** The class name, as a literal (`error.name`). */
  override readonly name = "WeightNotAppliedError" as const;

  constructor(
    /** The weight action that answered success. */
    readonly action: string,
    /** The route's ID (`gw:nextHop:routeDest`, policy routes with the source). */
    readonly routeId: string,
    /** The weight written. */
    readonly requested: number,
    /** The weight the gateway lists afterwards; undefined when it lists no such route. */
    readonly listed: number | undefined,
  ) {
    super(
      `${action} answered success for route ${routeId}, but the gateway still lists ` +
        `${listed === undefined ? "no such route" : `weight ${listed}`} instead of ${requested} after applying it. ` +
        `A gateway in dual-tunnel mode ignores weight changes (Alibaba's reference for ModifyVpnRouteEntryWeight); ` +
        `this package replaces routes there instead when DescribeVpnGateway reports a DisasterRecoveryVSwitchId. ` +
        `Check the gateway with DescribeVpnGateway, then run \`pulumi up\` again: it starts from what the gateway lists.`,
    );
  }
}

/** A wait for the listing to show a write did not see it within the deadline. */
export class RouteWaitTimeoutError extends AlicloudVpnError {
  override readonly name = "RouteWaitTimeoutError" as const;

  constructor(what: string, deadlineMs: number, last: { Weight: number; State: string } | undefined | null) {
    const seen =
      last === null
        ? "the gateway is gone"
        : last
          ? `weight ${last.Weight}, state ${last.State}`
          : "not listed";
    super(
      `Timed out after ${Math.round(deadlineMs / 1000)} s waiting for ${what} (last seen: ${seen}). ` +
        `Run \`pulumi refresh\` to record what the gateway holds now, or raise alicloud-vpn:deadlineSeconds.`,
    );
  }
}

/** The route's gateway is not there: a wrong ID or region, other credentials, or it was deleted. */
export class GatewayNotFoundError extends AlicloudVpnError {
  override readonly name = "GatewayNotFoundError" as const;

  /** Before a create, `regionSource` says where the region came from; before an update, the route's ID is given. */
  constructor(
    route: { vpnGatewayId: string; region: string },
    at: { regionSource: string } | { updating: string },
  ) {
    super(
      "regionSource" in at
        ? `VPN gateway ${route.vpnGatewayId} was not found in region ${route.region} (from ${at.regionSource}): ` +
            `check vpnGatewayId and region (set the route's region input if the gateway is in another region), ` +
            `and that the credentials belong to the gateway's account.`
        : `Cannot update route ${at.updating}: gateway ${route.vpnGatewayId} no longer exists. ` +
            `Run \`pulumi refresh\` so Pulumi forgets it; the next \`pulumi up\` creates it again.`,
    );
  }
}

/** The gateway was deleted while this provider was changing one of its routes. */
export class GatewayGoneError extends AlicloudVpnError {
  override readonly name = "GatewayGoneError" as const;

  constructor(
    routeId: string,
    route: { vpnGatewayId: string; region: string },
    doing: "changed" | "created",
  ) {
    super(
      `VPN gateway ${route.vpnGatewayId} disappeared in region ${route.region} while route ${routeId} was being ${doing}.`,
    );
  }
}

/** A route names no region, and no default region is configured. */
export class RouteRegionMissingError extends AlicloudVpnError {
  override readonly name = "RouteRegionMissingError" as const;

  constructor() {
    super(
      `No region for the route: set its region input, or the stack's ${CONFIG_KEYS.region} ` +
        `(pulumi config set ${CONFIG_KEYS.region} cn-hangzhou), or ${ENV_KEYS.region.join(" / ")}.`,
    );
  }
}

/** An ID that is neither route form (an import attempt, or state edited by hand). */
export class InvalidRouteIdError extends AlicloudVpnError {
  override readonly name = "InvalidRouteIdError" as const;

  constructor(id: string, kind: RouteKind) {
    const expected = kind === "pbr" ? "vpn-xxx:vco-xxx:routeSource:routeDest" : "vpn-xxx:vco-xxx:routeDest";
    super(`"${id}" is not a ${kind === "pbr" ? "policy" : "destination"} route ID: expected ${expected}`);
  }
}

/**
 * A table's create or update stopped after it had written to the gateway (a write refused, the deadline,
 * Cancel). The gateway holds part of the change, so the engine must record the table as it now is: the
 * dynamic provider host (@pulumi/pulumi cmd/dynamic-provider, grpcResponseFromError) turns an error with an
 * `id` into "created or updated, but failed to initialise" for create AND update, and the engine stores
 * `properties` as the outputs. The next `up` diffs against them and converges from a listing.
 */
export class RouteTableIncompleteError extends AlicloudVpnError {
  override readonly name = "RouteTableIncompleteError" as const;
  /** The table's ID (its gateway's), which tells the provider host to record the table. */
  readonly id: string;
  /** The table's outputs as the gateway holds it now, `__provider` included. */
  readonly properties: Record<string, unknown>;
  /** What the engine shows as the failure: this message. */
  readonly reasons: string[];

  constructor(id: string, vpnGatewayId: string, properties: Record<string, unknown>, cause: unknown) {
    super(
      `The route table of VPN gateway ${vpnGatewayId} was changed only in part: ${errorMessage(cause)} ` +
        "The state records the routes as the gateway holds them now; once that is fixed, the next `pulumi up` " +
        "finishes the change from the gateway's listing.",
      { cause },
    );
    this.id = id;
    this.properties = properties;
    this.reasons = [this.message];
  }
}
