/*
 * A module whose exports ARE the provider object. The closure serializer (@pulumi/pulumi runtime/closure,
 * findNormalizedModuleNameAsync) finds an object that is some module's exports in require.cache; when that
 * module lies under node_modules it writes `require("alicloud-vpn-routes/dist/provider/serialized/...")`
 * (a few hundred bytes of `__provider`) instead of the object's code. Outside node_modules (this repository,
 * a linked package) it copies the object by value, as before. package.json exports this directory.
 */
import { vpnRouteEntryProvider } from "../resourceProviders";

export = vpnRouteEntryProvider;
