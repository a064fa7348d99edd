import { createRequire } from "node:module";

/** The gRPC method the engine calls on every provider when the user cancels (pulumirpc provider.proto). */
const CANCEL_METHOD = "/pulumirpc.ResourceProvider/Cancel";
/** The Node dynamic provider host's entry point (@pulumi/pulumi cmd/dynamic-provider). */
const DYNAMIC_PROVIDER_HOST = /[\\/]cmd[\\/]dynamic-provider[\\/]/;

interface GrpcServerPrototype {
  _retrieveHandler?: (this: unknown, path: string) => unknown;
  __alicloudVpnCancelHook?: Set<() => void>;
}

/**
 * Calls `onCancel` when the engine sends Cancel to this provider process. Returns false when that cannot be
 * observed (not inside the dynamic provider host, or a gRPC library without the expected shape).
 *
 * Why this reaches into the host: on Ctrl-C or SIGTERM the engine sends Cancel to every provider and then
 * waits for the operations in flight (pulumi/pulumi pkg/resource/deploy/deployment_executor.go), but the Node
 * dynamic provider host answers Cancel and does nothing (cmd/dynamic-provider/index.js,
 * `cancel(call, callback) { callback(undefined, new Empty()) }`), and `pulumi.dynamic` offers no hook. A wait
 * for a gateway would then hold the user's Ctrl-C for up to the deadline. The host's gRPC server looks up
 * the handler of each incoming call through `Server.prototype._retrieveHandler` (@grpc/grpc-js), so the
 * host's copy of that library, loaded from the host's own location, sees the Cancel call arrive.
 *
 * Checked against @pulumi/pulumi 3.248.0 and 3.276.0 (the host and `pulumi.dynamic` unchanged in this respect;
 * the Cancel handler of `@pulumi/pulumi/provider` serves provider plugins, not dynamic providers).
 * tests/provider/sdkContract.test.ts sends Cancel through the real host and fails, naming this file, when a new
 * SDK moves it.
 */
export function listenForEngineCancel(onCancel: () => void): boolean {
  const host = require.main?.filename;
  if (!host || !DYNAMIC_PROVIDER_HOST.test(host)) return false;
  let proto: GrpcServerPrototype | undefined;
  try {
    const grpc = createRequire(host)("@grpc/grpc-js") as { Server?: { prototype: GrpcServerPrototype } };
    proto = grpc.Server?.prototype;
  } catch {
    return false;
  }
  const original = proto?._retrieveHandler;
  if (!proto || typeof original !== "function") return false;
  if (!proto.__alicloudVpnCancelHook) {
    const listeners = new Set<() => void>();
    proto.__alicloudVpnCancelHook = listeners;
    proto._retrieveHandler = function (this: unknown, path: string) {
      if (path === CANCEL_METHOD) for (const listener of listeners) listener();
      return original.call(this, path);
    };
  }
  proto.__alicloudVpnCancelHook.add(onCancel);
  return true;
}
