import * as pulumi from "@pulumi/pulumi";
import {
  VpnPbrRouteEntry,
  VpnRouteEntry,
  type RouteKind,
  type VpnPbrRouteEntryArgs,
  type VpnRouteEntryArgs,
} from "../provider";
import { declarationSite, declaredAt } from "../provider/sourcePosition";
import { childName, planRoutes, PlannedRoute } from "./planRoutes";
import { activeAfterStandbys } from "./activeStandby";
import { registrationTurns } from "./registrationWindow";
import { VpnGatewayRoutesArgs } from "./routeSpecs";
import { routeStatuses, type GatewayRouteStatus, type RouteChild, type RouteResource } from "./routeStatuses";

export type { GatewayRouteStatus, RouteResource } from "./routeStatuses";

/** The component's Pulumi type token (the `type` of its URN). */
export const VPN_GATEWAY_ROUTES_TYPE = "alicloud-vpn:index:VpnGatewayRoutes";

/** Resource options of the component that its children take too (the rest flows through `parent`). */
function childOptions(parent: pulumi.ComponentResource, opts: pulumi.ComponentResourceOptions) {
  return {
    parent,
    ignoreChanges: opts.ignoreChanges,
    retainOnDelete: opts.retainOnDelete,
    customTimeouts: opts.customTimeouts,
    deletedWith: opts.deletedWith,
  } satisfies pulumi.CustomResourceOptions;
}

/**
 * One VPN gateway's whole route table as one unit: a landing-zone stack declares "these routes on this
 * gateway" and composes many gateways. Children are named from the component's name and each route's
 * identity, so reordering or inserting routes changes nothing and removing one deletes exactly that one.
 */
export class VpnGatewayRoutes extends pulumi.ComponentResource {
  /** Each route's key to its id, state, weight and published flag. */
  readonly routes: pulumi.Output<Record<string, GatewayRouteStatus>>;
  /** Number of destination routes in the table. */
  readonly routeCount: pulumi.Output<number>;
  /** Number of policy routes in the table. */
  readonly policyRouteCount: pulumi.Output<number>;
  /** The VPN gateway's ID, e.g. `vpn-bp1a3kqjiiq9legfx****`. */
  readonly vpnGatewayId: pulumi.Output<string>;

  /** Settles once every route is built; see initialize(). */
  private routesBuilt?: Promise<RouteChild[]>;

  constructor(name: string, args: VpnGatewayRoutesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(VPN_GATEWAY_ROUTES_TYPE, name, {}, opts);
    const planned = planRoutes(name, args, this);
    const options = childOptions(this, opts);
    const site = declarationSite();

    // Each route is built when its turn comes (registrationWindow.ts), in this order: standbys first.
    const nextTurn = registrationTurns();
    const byRoute = new Map<PlannedRoute, Promise<RouteResource>>();
    const children = activeAfterStandbys(planned).map(({ route, after }): Promise<RouteChild> => {
      // An active route waits for its destination's standbys (see activeAfterStandbys), built before it.
      const standbys = after.length === 0 ? undefined : Promise.all(after.map((r) => byRoute.get(r)!));
      const resource = nextTurn(() =>
        declaredAt(site, () => this.child(name, route, args, { ...options, dependsOn: standbys })),
      );
      byRoute.set(route, resource);
      return resource.then((built) => ({ route, resource: built }));
    });
    this.routesBuilt = Promise.all(children);

    this.vpnGatewayId = pulumi.output(args.vpnGatewayId);
    this.routeCount = pulumi.output(planned.filter((r) => r.kind === "dbr").length);
    this.policyRouteCount = pulumi.output(planned.filter((r) => r.kind === "pbr").length);
    this.routes = pulumi.output(this.routesBuilt.then(routeStatuses));

    this.registerOutputs({
      routes: this.routes,
      routeCount: this.routeCount,
      policyRouteCount: this.policyRouteCount,
      vpnGatewayId: this.vpnGatewayId,
    });
  }

  /**
   * The SDK expands `dependsOn: [component]` to the component's children once this has settled, so a resource
   * that depends on the table waits for every route of it, including those not built yet. Called by super(),
   * before the constructor has set routesBuilt; it reads it a microtask later. A failed build is reported
   * through `routes`.
   */
  protected override async initialize(): Promise<undefined> {
    await Promise.resolve();
    await this.routesBuilt?.catch(() => undefined);
    return undefined;
  }

  /**
   * One route of the table as a resource: a `VpnRouteEntry` or `VpnPbrRouteEntry` (dynamic resources). The
   * provider plugin's component (plugin/construct.ts) builds its own custom resources here instead, with
   * everything else (checks, names, order, pacing, outputs) this class's.
   */
  protected routeResource(
    kind: RouteKind,
    name: string,
    args: VpnRouteEntryArgs | VpnPbrRouteEntryArgs,
    options: pulumi.CustomResourceOptions,
  ): RouteResource {
    if (kind === "pbr") return new VpnPbrRouteEntry(name, args as VpnPbrRouteEntryArgs, options);
    return new VpnRouteEntry(name, args, options);
  }

  private child(
    name: string,
    route: PlannedRoute,
    args: VpnGatewayRoutesArgs,
    options: pulumi.CustomResourceOptions,
  ): RouteResource {
    const common = {
      vpnGatewayId: args.vpnGatewayId,
      region: args.region,
      routeDest: route.routeDest,
      nextHop: route.nextHop,
      weight: route.weight,
      publishVpc: route.publishVpc,
      description: route.description,
      adopt: args.adopt,
    };
    if (route.kind === "pbr") {
      return this.routeResource(
        "pbr",
        childName(name, route.key),
        { ...common, routeSource: route.routeSource!, priority: route.priority },
        options,
      );
    }
    return this.routeResource(
      "dbr",
      childName(name, route.key),
      { ...common, overlayMode: route.overlayMode },
      options,
    );
  }
}
