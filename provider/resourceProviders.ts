import type * as pulumi from "@pulumi/pulumi";
import type { RouteTableInputs, RouteTableOutputs } from "./tableTypes";
import type { RouteInputs, RouteOutputs } from "./types";

/** The dynamic provider of a route kind: Pulumi's lifecycle (check, diff, create, read, update, delete) on plain inputs and outputs. */
export type VpnRouteProvider = pulumi.dynamic.ResourceProvider<RouteInputs, RouteOutputs>;

/** The dynamic provider of a gateway's route table (VpnGatewayRouteTable). */
export type VpnRouteTableProvider = pulumi.dynamic.ResourceProvider<RouteTableInputs, RouteTableOutputs>;

/** What the runtime (runtime/index.ts) offers these objects; declared here so neither file imports the other's code. */
interface ProviderRuntime {
  vpnRouteEntry: Required<VpnRouteProvider>;
  vpnPbrRouteEntry: Required<VpnRouteProvider>;
  vpnGatewayRouteTable: Required<VpnRouteTableProvider>;
}

/*
 * The provider objects every resource's `__provider` refers to. Installed under node_modules, each is
 * referred to by module name (./serialized/providerText.ts, about 100 bytes). Otherwise (this
 * repository, a linked package) it is copied by value, and then each method loads the compiled runtime by
 * package name when called, so the text stays small (about 3 KB). Either way it holds no configuration or
 * secret, and a new package version takes effect without touching state.
 *
 * Everything the methods reach is in this file and not referenced through an import: the serializer copies
 * a function by value, but an imported module object is captured as `require("<its file>")`, which fails
 * for a file the package's "exports" do not list, and would copy a local module with all it reaches.
 */

/** The runtime registers itself under this global symbol key. */
const RUNTIME_KEY = "alicloud-vpn-routes/runtime@1";
/** The package subpath of the compiled runtime (package.json "exports"). */
const RUNTIME_MODULE = "alicloud-vpn-routes/runtime";

/**
 * The provider runtime of this process. A runtime already loaded in the process wins (one scheduler and one
 * set of shared listings for both resource kinds); otherwise the package by name. Inside the provider host
 * this code is a string loaded by require-from-string, whose `require` searches node_modules from the
 * plugin's working directory but cannot see the package's own name (Node's self-reference needs a parent
 * file): a require anchored in that directory does both. (Comments inside the body would be serialized.)
 */
function loadRuntime(): ProviderRuntime {
  const registered = (globalThis as { [key: symbol]: ProviderRuntime | undefined })[Symbol.for(RUNTIME_KEY)];
  if (registered) return registered;
  try {
    return require(RUNTIME_MODULE).runtime;
  } catch (err) {
    if ((err as { code?: string }).code !== "MODULE_NOT_FOUND") throw err;
    const anchor = require("node:path").join(process.cwd(), "index.js");
    return require("node:module").createRequire(anchor)(RUNTIME_MODULE).runtime;
  }
}

/** The provider of `VpnRouteEntry` (destination-based routes). One shared instance: serialization is cached per object. */
export const vpnRouteEntryProvider: VpnRouteProvider = {
  configure: (req) => loadRuntime().vpnRouteEntry.configure(req),
  check: (olds, news) => loadRuntime().vpnRouteEntry.check(olds, news),
  diff: (id, olds, news) => loadRuntime().vpnRouteEntry.diff(id, olds, news),
  create: (inputs) => loadRuntime().vpnRouteEntry.create(inputs),
  read: (id, props) => loadRuntime().vpnRouteEntry.read(id, props),
  update: (id, olds, news) => loadRuntime().vpnRouteEntry.update(id, olds, news),
  delete: (id, props) => loadRuntime().vpnRouteEntry.delete(id, props),
};

/** The provider of `VpnPbrRouteEntry` (policy-based routes). One shared instance. */
export const vpnPbrRouteEntryProvider: VpnRouteProvider = {
  configure: (req) => loadRuntime().vpnPbrRouteEntry.configure(req),
  check: (olds, news) => loadRuntime().vpnPbrRouteEntry.check(olds, news),
  diff: (id, olds, news) => loadRuntime().vpnPbrRouteEntry.diff(id, olds, news),
  create: (inputs) => loadRuntime().vpnPbrRouteEntry.create(inputs),
  read: (id, props) => loadRuntime().vpnPbrRouteEntry.read(id, props),
  update: (id, olds, news) => loadRuntime().vpnPbrRouteEntry.update(id, olds, news),
  delete: (id, props) => loadRuntime().vpnPbrRouteEntry.delete(id, props),
};

/** The provider of `VpnGatewayRouteTable` (one gateway's routes as one resource). One shared instance. */
export const vpnGatewayRouteTableProvider: VpnRouteTableProvider = {
  configure: (req) => loadRuntime().vpnGatewayRouteTable.configure(req),
  check: (olds, news) => loadRuntime().vpnGatewayRouteTable.check(olds, news),
  diff: (id, olds, news) => loadRuntime().vpnGatewayRouteTable.diff(id, olds, news),
  create: (inputs) => loadRuntime().vpnGatewayRouteTable.create(inputs),
  read: (id, props) => loadRuntime().vpnGatewayRouteTable.read(id, props),
  update: (id, olds, news) => loadRuntime().vpnGatewayRouteTable.update(id, olds, news),
  delete: (id, props) => loadRuntime().vpnGatewayRouteTable.delete(id, props),
};

export { RUNTIME_KEY, RUNTIME_MODULE };
