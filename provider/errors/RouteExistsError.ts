import { VPN_PBR_ROUTE_ENTRY_TYPE, VPN_ROUTE_ENTRY_TYPE } from "../constants";
import type { RouteKind } from "../types";

/** create() found the route it was asked to create already on the gateway. */
export class RouteExistsError extends Error {
  override readonly name = "RouteExistsError" as const;
  /**
   * Not `id`: the dynamic provider host reads any error with an `id` as "created, but failed to initialise"
   * and records the route with empty outputs ("resource init failed"), hiding this message.
   */
  readonly routeId: string;

  constructor(kind: RouteKind, id: string, region: string) {
    const type = kind === "pbr" ? VPN_PBR_ROUTE_ENTRY_TYPE : VPN_ROUTE_ENTRY_TYPE;
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
