/**
 * Child process 1 of the round trip, run with plain `node` from dist/ (Jest replaces require.cache, which
 * the closure serializer relies on). As a Pulumi program would: loads the package by name from a project
 * directory, with credentials in the environment and the runtime configured, then serializes both
 * providers exactly as `dynamic.Resource` does. Prints `{ vpnRouteEntry, vpnPbrRouteEntry }` texts as JSON.
 *
 * Usage: node serializeProviders.js <projectDir> <stackConfigJson>
 */
import { createRequire } from "node:module";
import * as path from "node:path";

async function main(projectDir: string, stackConfig: Record<string, string>): Promise<void> {
  const fromProject = createRequire(path.join(projectDir, "index.js"));
  const pulumi = fromProject("@pulumi/pulumi");
  const pkg = fromProject("alicloud-vpn-routes");
  // Anything captured by value would now carry these: the check that the text holds none is meaningful.
  const config = { get: (k: string) => stackConfig[k], require: (k: string) => stackConfig[k] };
  await pkg.vpnRouteEntryProvider.configure({ config });
  await pkg.vpnPbrRouteEntryProvider.configure({ config });
  const serialize = async (provider: unknown) =>
    (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text as string;
  const texts = {
    vpnRouteEntry: await serialize(pkg.vpnRouteEntryProvider),
    vpnPbrRouteEntry: await serialize(pkg.vpnPbrRouteEntryProvider),
  };
  process.stdout.write(JSON.stringify(texts));
}

main(process.argv[2], JSON.parse(process.argv[3] ?? "{}")).catch((err) => {
  console.error(err);
  process.exit(1);
});
