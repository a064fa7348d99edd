/**
 * The real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, what `pulumi-resource-pulumi-nodejs`
 * runs) as a child process, and a gRPC client speaking the engine's side of the ResourceProvider protocol.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated protobuf modules without usable types here */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

type Props = Record<string, unknown>;

export interface ProviderHost {
  configure(config: Record<string, string>): Promise<void>;
  check(
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(
    urn: string,
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: number; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(urn: string, props: Props): Promise<{ id: string; props: Props }>;
  read(
    urn: string,
    id: string,
    props: Props,
    inputs?: Props,
  ): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(urn: string, id: string, olds: Props, news: Props): Promise<Props>;
  /** What the engine sends every provider on Ctrl-C or SIGTERM. */
  cancel(): Promise<void>;
  delete(urn: string, id: string, props: Props): Promise<void>;
  stop(): Promise<void>;
  /** What the host wrote to stderr (its errors and stack traces). */
  stderr(): string;
}

export const DIFF_SOME = provproto.DiffResponse.DiffChanges.DIFF_SOME as number;
export const DIFF_NONE = provproto.DiffResponse.DiffChanges.DIFF_NONE as number;

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::vpnroutes::${type}::${name}`;
}

/** Starts the host with `cwd` as the plugin's working directory (the Pulumi project). */
export async function startProviderHost(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ProviderHost> {
  const entry = path.join(
    path.dirname(require.resolve("@pulumi/pulumi/package.json")),
    "cmd",
    "dynamic-provider",
  );
  // The engine passes its own address; the host only needs one to be present (it never calls back here).
  const child: ChildProcess = spawn(process.execPath, [entry, "127.0.0.1:1"], {
    cwd,
    env: { ...process.env, PULUMI_NODEJS_PROJECT: "vpnroutes", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errText = "";
  child.stderr!.on("data", (d) => (errText += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n") && /^\d+$/.test(line.trim())) resolve(Number(line));
    });
    child.once("exit", (code) => reject(new Error(`provider host exited (${code}): ${errText}`)));
  });
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <T>(method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
    );
  const struct = (v: Props) => Struct.fromJavaScript(v);

  return {
    async configure(config) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(struct(config));
      await call("configure", req);
    },
    async check(urn, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("check", req);
      return {
        inputs: res.getInputs().toJavaScript(),
        failures: res
          .getFailuresList()
          .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(urn, id, olds, news) {
      const req = new provproto.DiffRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("diff", req);
      return {
        changes: res.getChanges(),
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async create(urn, props) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(struct(props));
      const res: any = await call("create", req);
      return { id: res.getId(), props: res.getProperties().toJavaScript() };
    },
    async read(urn, id, props, inputs) {
      const req = new provproto.ReadRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(struct(props));
      if (inputs) req.setInputs(struct(inputs));
      const res: any = await call("read", req);
      return {
        id: res.getId(),
        props: res.getProperties()?.toJavaScript(),
        inputs: res.getInputs()?.toJavaScript(),
      };
    },
    async update(urn, id, olds, news) {
      const req = new provproto.UpdateRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("update", req);
      return res.getProperties().toJavaScript();
    },
    async delete(urn, id, props) {
      const req = new provproto.DeleteRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(struct(props));
      await call("delete", req);
    },
    async cancel() {
      await call("cancel", new Empty());
    },
    async stop() {
      client.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill();
        await exited;
      }
    },
    stderr: () => errText,
  };
}
