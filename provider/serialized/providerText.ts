/**
 * A route's `__provider`: the text the dynamic provider host turns back into the provider
 * (@pulumi/pulumi cmd/dynamic-provider: `requireFromString(text).handler()`), stored in every route's inputs
 * and outputs, and written again with every checkpoint of the whole stack.
 *
 * Installed under node_modules: one line that requires the provider's module (./vpnRouteEntry.js,
 * ./vpnPbrRouteEntry.js) by its module name, about 100 bytes. The closure serializer would write the same
 * require inside a wrapper three times as long; at 1,000 routes the difference is 0.4 MB in every checkpoint.
 * Elsewhere (this repository, a linked package: no module name the provider host could resolve) the closure
 * serializer copies the provider by value, as `pulumi.dynamic.Resource` does.
 *
 * Checked against @pulumi/pulumi 3.248.0 and 3.276.0 (the host's `requireFromString(text).handler()` unchanged):
 * tests/provider/host.test.ts drives every operation through the real host, tests/provider/pack.test.ts from an
 * `npm pack` install.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import vpnRouteEntry = require("./vpnRouteEntry");
import vpnPbrRouteEntry = require("./vpnPbrRouteEntry");
import vpnGatewayRouteTable = require("./vpnGatewayRouteTable");

/** The provider modules: file name (without .js) to the provider it exports. */
const PROVIDERS = { vpnRouteEntry, vpnPbrRouteEntry, vpnGatewayRouteTable } as const;
export type ProviderModule = keyof typeof PROVIDERS;

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** `alicloud-vpn-routes/dist/provider/serialized/<file>.js` when this package lies under node_modules. */
function moduleNameOf(file: string): string | undefined {
  const at = file.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  return file
    .slice(at + NODE_MODULES.length)
    .split(path.sep)
    .join("/");
}

function textOf(file: string, provider: (typeof PROVIDERS)[ProviderModule]): pulumi.Input<string> {
  const moduleName = moduleNameOf(file);
  if (moduleName !== undefined) return `exports.handler = () => require(${JSON.stringify(moduleName)});\n`;
  return pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }).then((f) => f.text);
}

const texts = new Map<ProviderModule, pulumi.Input<string>>();

/** The `__provider` of every resource of one kind (a route kind, or the table), computed at its first one. */
export function providerText(module: ProviderModule): pulumi.Input<string> {
  let text = texts.get(module);
  if (text === undefined) {
    texts.set(module, (text = textOf(require.resolve(`./${module}`), PROVIDERS[module])));
  }
  return text;
}
