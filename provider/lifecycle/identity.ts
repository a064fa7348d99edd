import { parseRouteId } from "../ids";
import type { RuntimeContext } from "../runtime/context";
import type { RouteKind } from "../types";
import type { RouteRef } from "./routeApi";

/**
 * The route the stored outputs describe. Outputs written by this provider always hold the identity; with
 * only an ID (an import attempt, or state edited by hand) it is parsed from the ID and the region comes
 * from configuration.
 */
export function routeRefOf(
  ctx: RuntimeContext,
  kind: RouteKind,
  id: string,
  props: Record<string, unknown>,
): RouteRef {
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const fromProps = {
    vpnGatewayId: str(props.vpnGatewayId),
    nextHop: str(props.nextHop),
    routeDest: str(props.routeDest),
    routeSource: kind === "pbr" ? str(props.routeSource) : undefined,
  };
  const complete =
    fromProps.vpnGatewayId &&
    fromProps.nextHop &&
    fromProps.routeDest &&
    (kind === "dbr" || fromProps.routeSource);
  const identity = complete ? (fromProps as RouteRef) : parseRouteId(kind, id);
  return {
    vpnGatewayId: identity.vpnGatewayId,
    nextHop: identity.nextHop,
    routeDest: identity.routeDest,
    ...(kind === "pbr" ? { routeSource: identity.routeSource } : {}),
    region: ctx.region(props.region),
    overlayMode: str(props.overlayMode),
  };
}
