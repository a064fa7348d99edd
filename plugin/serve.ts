/** Starts the provider plugin's gRPC server: the runtime of this process, the schema, the hooks. */
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "@pulumi/pulumi/provider";
import { runtime } from "../provider/runtime";
import { noticeToEngine } from "./engineLog";
import { AlicloudVpnProvider } from "./provider";
import { hookProviderServer } from "./serverHooks";
import schema from "./schema.json";

/** The package's version, from its package.json (two levels up from dist/plugin/). */
function packageVersion(): string {
  const manifest = path.join(__dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

export async function serve(args: string[]): Promise<void> {
  const provider = new AlicloudVpnProvider(
    runtime,
    packageVersion(),
    JSON.stringify({ ...schema, version: packageVersion() }),
  );
  runtime.setOptions({ notice: noticeToEngine });
  hookProviderServer({
    configure: (variables) => provider.configure(variables),
    detailedDiff: (urn, olds, news) => provider.detailedDiff(urn, olds, news),
  });
  await main(provider, args);
}
