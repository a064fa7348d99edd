/**
 * Child process 1 of the round trip, run with plain `node` from dist/ (Jest replaces require.cache, which
 * the closure serializer relies on). As a Pulumi program would: loads the package by name from a project
 * directory, with credentials in the environment and the runtime configured, then makes both
 * providers' `__provider` text exactly as the route classes do (provider/serialized/providerText.ts). Prints `{ vpnRouteEntry, vpnPbrRouteEntry }` texts as JSON.
 *
 * Usage: node serializeProviders.js <projectDir> <stackConfigJson>
 */
import { createRequire } from "node:module";
import * as path from "node:path";

async function main(projectDir: string, stackConfig: Record<string, string>): Promise<void> {
  const fromProject = createRequire(path.join(projectDir, "index.js"));
  const pkg = fromProject("alicloud-vpn-routes");
  // Anything captured by value would now carry these: the check that the text holds none is meaningful.
  const config = { get: (k: string) => stackConfig[k], require: (k: string) => stackConfig[k] };
  await pkg.vpnRouteEntryProvider.configure({ config });
  await pkg.vpnPbrRouteEntryProvider.configure({ config });
  const { providerText } = fromProject("alicloud-vpn-routes/dist/provider/serialized/providerText.js");
  const texts = {
    vpnRouteEntry: await providerText("vpnRouteEntry"),
    vpnPbrRouteEntry: await providerText("vpnPbrRouteEntry"),
  };
  process.stdout.write(JSON.stringify(texts));
}

main(process.argv[2], JSON.parse(process.argv[3] ?? "{}")).catch((err) => {
  console.error(err);
  process.exit(1);
});
