/**
 * The notices of long waits (provider/runtime/notices.ts), sent to the engine's log with the URN of the
 * resource whose operation waits, so `pulumi up` shows them under that route or table. A provider plugin is
 * connected to the engine's log (the dynamic provider host is not, pulumi/pulumi#6065, so there they are lines
 * on stderr). The URN follows each operation through its awaits, as the runtime's Cancel scope does.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as pulumi from "@pulumi/pulumi";

const current = new AsyncLocalStorage<string>();

/** Runs one operation of the resource `urn`; notices during it are attached to that resource. */
export function withUrn<T>(urn: string, operation: () => Promise<T>): Promise<T> {
  return current.run(urn, operation);
}

/**
 * Writes one notice as a warning in the engine's log, under the resource whose operation is waiting (none
 * outside an operation). Without an engine connection the SDK writes it on stderr.
 */
export function noticeToEngine(line: string): void {
  const urn = current.getStore();
  // A stand-in that only carries the URN: the SDK's log reads `resource.urn`; nothing is registered.
  const resource = urn ? new pulumi.DependencyResource(urn) : undefined;
  void pulumi.log.warn(line, resource).catch(() => process.stderr.write(`${line}\n`));
}
