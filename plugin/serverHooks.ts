/**
 * Two answers of the provider protocol that `@pulumi/pulumi/provider` does not pass to the provider object, added
 * around its gRPC server:
 * - Configure: the SDK's server answers it without calling the provider (its `Provider` interface has no
 *   configure, @pulumi/pulumi 3.248 to 3.276), so the stack's `alicloud-vpn:*` config and an explicit provider's
 *   inputs would never reach the runtime. The hook hands the request's variables to `configure` first.
 * - Diff: the SDK's server copies `changes`, `replaces` and `deleteBeforeReplace` only; the hook adds the
 *   detailed diff (each property, update or replace) that a provider plugin can return.
 * - Read, Check, Diff: the CLI 3.248 leaves out empty property sets in `pulumi import` (the route is read by its
 *   ID alone; 3.276 sends an empty object), and the SDK's server reads them unconditionally ("Cannot read
 *   properties of undefined (reading 'toJavaScript')"); the hook gives it an empty object.
 * How: the server object is wrapped when the SDK registers it with `grpc.Server.prototype.addService` (grpc-js's
 * public API), in the SDK's own copy of grpc-js. No other call is touched; Cancel, for one, reaches the
 * provider's `cancel` through the SDK as it is.
 */
import { createRequire } from "node:module";
import type { PropertyDiffKind } from "./detailedDiff";

/** What the hooks call. */
export interface ServerHooks {
  /** Before the SDK answers Configure: the request's variables, keyed `<package>:config:<name>`. */
  configure(variables: Map<string, string>): Promise<void>;
  /** The detailed diff of a resource, or undefined for none (the component, an unknown type). */
  detailedDiff(urn: string, olds: unknown, news: unknown): Record<string, PropertyDiffKind> | undefined;
}

type Callback = (err: unknown, value?: unknown) => void;
type Handler = (call: { request: GrpcRequest }, callback: Callback) => void;
interface GrpcRequest {
  [accessor: string]: unknown;
  getVariablesMap(): { forEach(each: (value: string, key: string) => void): void };
  getUrn(): string;
  getOlds(): { toJavaScript(): unknown };
  getNews(): { toJavaScript(): unknown };
}
interface DiffResponse {
  getDetaileddiffMap(): { set(key: string, value: unknown): void };
  setHasdetaileddiff(value: boolean): void;
}
interface ProviderProto {
  PropertyDiff: (new () => { setKind(kind: number): void; setInputdiff(value: boolean): void }) & {
    Kind: Record<PropertyDiffKind, number>;
  };
}
interface GrpcServer {
  prototype: { addService(this: unknown, service: unknown, implementation: Record<string, Handler>): void };
}

let installed = false;

/** Installs the hooks; call before `main()` of `@pulumi/pulumi/provider` starts its server. */
export function hookProviderServer(hooks: ServerHooks): void {
  if (installed) return;
  installed = true;
  // The SDK's copies of grpc-js and of the generated protocol, resolved from the SDK's provider server.
  const sdk = createRequire(require.resolve("@pulumi/pulumi/provider"));
  const grpc = sdk("@grpc/grpc-js") as { Server: GrpcServer };
  const service = (sdk("../proto/provider_grpc_pb") as { ResourceProviderService: unknown })
    .ResourceProviderService;
  const proto = sdk("../proto/provider_pb") as ProviderProto;
  const { Struct } = sdk("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(v: object): unknown };
  };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (registered, implementation) {
    if (registered !== service) return addService.call(this, registered, implementation);
    const wrapped: Record<string, Handler> = Object.create(implementation);
    wrapped.configure = (call, callback) => {
      const variables = new Map<string, string>();
      call.request.getVariablesMap().forEach((value, key) => variables.set(key, value));
      hooks.configure(variables).then(
        () => implementation.configure.call(implementation, call, callback),
        (err: unknown) => callback(err),
      );
    };
    const withEmptyDefaults =
      (method: string, fields: string[]): Handler =>
      (call, callback) => {
        for (const field of fields) {
          const has = call.request[`has${field}`] as (() => boolean) | undefined;
          const set = call.request[`set${field}`] as ((value: unknown) => void) | undefined;
          if (has && set && !has.call(call.request)) set.call(call.request, Struct.fromJavaScript({}));
        }
        implementation[method].call(implementation, call, callback);
      };
    wrapped.read = withEmptyDefaults("read", ["Properties"]);
    wrapped.check = withEmptyDefaults("check", ["Olds", "News"]);
    const diff = withEmptyDefaults("diff", ["Olds", "News"]);
    wrapped.diff = (call, callback) =>
      diff(call, (err, response) => {
        if (!err && response) addDetailedDiff(proto, hooks, call.request, response as DiffResponse);
        callback(err, response);
      });
    return addService.call(this, registered, wrapped);
  };
}

function addDetailedDiff(
  proto: ProviderProto,
  hooks: ServerHooks,
  request: GrpcRequest,
  response: DiffResponse,
) {
  const detailed = hooks.detailedDiff(
    request.getUrn(),
    request.getOlds().toJavaScript(),
    request.getNews().toJavaScript(),
  );
  if (!detailed) return;
  const map = response.getDetaileddiffMap();
  for (const [key, kind] of Object.entries(detailed)) {
    const diff = new proto.PropertyDiff();
    diff.setKind(proto.PropertyDiff.Kind[kind]);
    diff.setInputdiff(true);
    map.set(key, diff);
  }
  response.setHasdetaileddiff(true);
}
