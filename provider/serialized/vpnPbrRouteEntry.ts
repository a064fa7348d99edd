/* The VpnPbrRouteEntry provider as a module's exports; see ./vpnRouteEntry.ts for why. */
import { vpnPbrRouteEntryProvider } from "../resourceProviders";

export = vpnPbrRouteEntryProvider;
