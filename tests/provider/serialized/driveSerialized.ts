/**
 * Child process 2 of the round trip: behaves like the provider host. Working directory = the project; loads
 * each serialized text with require-from-string, calls `.handler()`, configures it with the stack config,
 * and drives check, diff, create, read, update and delete against the emulator. Prints a JSON report.
 *
 * Usage (cwd = projectDir): node driveSerialized.js <serializedJsonFile> <stackConfigJson> <gatewayId> <nextHop>
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

type Provider = Record<string, (...args: unknown[]) => Promise<Record<string, unknown>>>;

async function main(
  file: string,
  stackConfig: Record<string, string>,
  gw: string,
  vco: string,
): Promise<void> {
  const texts = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  // The host's own copy of require-from-string: the one @pulumi/pulumi depends on, found from the project.
  const pulumiDir = path.dirname(
    createRequire(path.join(process.cwd(), "index.js")).resolve("@pulumi/pulumi/package.json"),
  );
  const requireFromString = createRequire(path.join(pulumiDir, "package.json"))("require-from-string");
  const config = { get: (k: string) => stackConfig[k], require: (k: string) => stackConfig[k] };
  const report: Record<string, unknown> = {};

  for (const [name, text] of Object.entries(texts)) {
    const provider = requireFromString(text).handler() as Provider;
    await provider.configure({ config });
    const pbr = name === "vpnPbrRouteEntry";
    const news = {
      vpnGatewayId: gw,
      routeDest: pbr ? "10.200.0.0/16" : "10.100.0.0/16",
      nextHop: vco,
      weight: 100,
      publishVpc: true,
      ...(pbr ? { routeSource: "192.168.200.0/24" } : {}),
      __provider: text,
    };
    const steps: Record<string, unknown> = {};
    const checked = await provider.check({}, news);
    steps.check = checked;
    const inputs = checked.inputs as Record<string, unknown>;
    const created = await provider.create(inputs);
    steps.create = created;
    const id = created.id as string;
    const outs = { ...(created.outs as object), __provider: text };
    steps.read = await provider.read(id, outs);
    const changed = { ...inputs, weight: 0 };
    steps.diff = await provider.diff(id, outs, changed);
    const updated = await provider.update(id, outs, changed);
    steps.update = updated;
    await provider.delete(id, { ...(updated.outs as object), __provider: text });
    steps.readAfterDelete = await provider.read(id, outs);
    report[name] = steps;
  }
  // Where the runtime came from: the package as installed in (or being) the project.
  report.runtimeFiles = Object.keys(require.cache).filter((f) =>
    f.endsWith(path.join("provider", "runtime", "index.js")),
  );
  process.stdout.write(JSON.stringify(report));
}

main(process.argv[2], JSON.parse(process.argv[3]), process.argv[4], process.argv[5]).catch((err) => {
  console.error(err);
  process.exit(1);
});
