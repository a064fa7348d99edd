/**
 * `adoptExistingRoutes`: sets `adopt: true` on every route resource of the stack, so routes that already exist
 * (left by an interrupted `pulumi up`, or made by hand) are taken over instead of failing with "already exists".
 * A stack transformation because VpnGatewayRoutes does not pass `adopt` down to its children.
 */
import * as pulumi from "@pulumi/pulumi";
import { VpnPbrRouteEntry, VpnRouteEntry } from "alicloud-vpn-routes";

export function adoptExistingRoutes(): void {
  pulumi.runtime.registerStackTransformation((args) =>
    args.resource instanceof VpnRouteEntry || args.resource instanceof VpnPbrRouteEntry
      ? { props: { ...args.props, adopt: true }, opts: args.opts }
      : undefined,
  );
}
