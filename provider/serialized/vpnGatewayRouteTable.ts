/*
 * A module whose exports ARE the provider object: a table's `__provider` (providerText.ts) is one line that
 * requires this file by module name when the package lies under node_modules; elsewhere the closure
 * serializer copies the object by value. package.json exports this directory.
 */
import { vpnGatewayRouteTableProvider } from "../resourceProviders";

export = vpnGatewayRouteTableProvider;
