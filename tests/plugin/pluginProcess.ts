/**
 * The provider plugin as the engine runs it: `pulumi-resource-alicloud-vpn` started as a process (Node.js from
 * PATH), its port read from its first line of stdout, and a gRPC client of the provider protocol, from the SDK's
 * own generated code and grpc-js. For tests of the protocol itself; engine tests are in tests/e2e.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createRequire } from "module";
import { REPO_ROOT } from "../e2e/pulumi-cli";

const sdk = createRequire(require.resolve("@pulumi/pulumi/provider"));
const grpc = sdk("@grpc/grpc-js");
const rpc = sdk("../proto/provider_grpc_pb");
export const proto = sdk("../proto/provider_pb");
const pluginProto = sdk("../proto/plugin_pb");
const struct = sdk("google-protobuf/google/protobuf/struct_pb");
const empty = sdk("google-protobuf/google/protobuf/empty_pb");

export const PLUGIN = path.join(REPO_ROOT, "pulumi-resource-alicloud-vpn");

type Message = Record<string, (...args: unknown[]) => unknown>;

/** A running plugin and a client; `stop()` ends the process it started. */
export interface PluginProcess {
  /** Calls a method of the provider protocol and resolves with its response message. */
  call<T = Message>(method: string, request: unknown): Promise<T>;
  stderr(): string;
  stop(): Promise<void>;
}

export const toStruct = (value: Record<string, unknown>) => struct.Struct.fromJavaScript(value);
export const emptyRequest = () => new empty.Empty();
export const pluginInfoRequest = () => new empty.Empty();
export { pluginProto };

/** Starts the plugin with only `env` (plus PATH to this Node.js and a fresh HOME): no credentials unless given. */
export async function startPlugin(env: Record<string, string> = {}): Promise<PluginProcess> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-plugin-home-"));
  const child: ChildProcessWithoutNullStreams = spawn(PLUGIN, [], {
    env: {
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
      HOME: home,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ...env,
    },
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve(line.trim());
    });
    child.on("exit", (code) => reject(new Error(`plugin exited (${code}) before its port: ${stderr}`)));
  });
  const client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    call: (method, request) =>
      new Promise((resolve, reject) =>
        client[method](request, (err: Error | null, response: unknown) =>
          err ? reject(err) : resolve(response as never),
        ),
      ),
    stderr: () => stderr,
    stop: async () => {
      client.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
