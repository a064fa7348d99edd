/** The provider plugin's package name and type tokens (schema.json declares the same). */
import {
  VPN_GATEWAY_ROUTE_TABLE_TYPE,
  VPN_PBR_ROUTE_ENTRY_TYPE,
  VPN_ROUTE_ENTRY_TYPE,
} from "../provider/constants";
import type { RouteKind } from "../provider/types";
import { VPN_GATEWAY_ROUTES_TYPE } from "../components/VpnGatewayRoutes";

/** The package: the engine starts `pulumi-resource-alicloud-vpn` for it. */
export const PACKAGE_NAME = "alicloud-vpn";
/** `alicloud-vpn:index:VpnRouteEntry`: the component's type token already has this package and module. */
export const ROUTE_ENTRY_TOKEN = `${PACKAGE_NAME}:index:${VPN_ROUTE_ENTRY_TYPE}`;
export const PBR_ROUTE_ENTRY_TOKEN = `${PACKAGE_NAME}:index:${VPN_PBR_ROUTE_ENTRY_TYPE}`;
export const GATEWAY_ROUTES_TOKEN = VPN_GATEWAY_ROUTES_TYPE;
/** `alicloud-vpn:index:VpnGatewayRouteTable`: a gateway's routes as one custom resource. */
export const ROUTE_TABLE_TOKEN = `${PACKAGE_NAME}:index:${VPN_GATEWAY_ROUTE_TABLE_TYPE}`;

const KIND_OF_TOKEN: Record<string, RouteKind> = {
  [ROUTE_ENTRY_TOKEN]: "dbr",
  [PBR_ROUTE_ENTRY_TOKEN]: "pbr",
};

/** The resource's name in its URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? "";
}

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent types$>type::<name>`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop() ?? "";
}

/** The route kind of a custom resource's URN, undefined for any other type. */
export function routeKindOf(urn: string): RouteKind | undefined {
  return KIND_OF_TOKEN[typeOfUrn(urn)];
}

/** Whether a URN is a VpnGatewayRouteTable's. */
export function isRouteTable(urn: string): boolean {
  return typeOfUrn(urn) === ROUTE_TABLE_TOKEN;
}

/** The route kind of a custom resource's URN; an error naming the type for any other. */
export function routeKindOfUrn(urn: string): RouteKind {
  const type = typeOfUrn(urn);
  const kind = routeKindOf(urn);
  if (!kind) {
    throw new Error(
      `${PACKAGE_NAME} has no custom resource of type "${type}": it serves ${ROUTE_ENTRY_TOKEN}, ` +
        `${PBR_ROUTE_ENTRY_TOKEN} and ${ROUTE_TABLE_TOKEN} (and the component ${GATEWAY_ROUTES_TOKEN}).`,
    );
  }
  return kind;
}
