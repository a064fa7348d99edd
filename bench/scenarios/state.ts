/** What the routes cost in Pulumi state: the serialized provider per resource, and the whole state file. */
import type { PulumiProject, StackDeployment } from "../../tests/e2e/harness";

export const PROVIDER_KEY = "__provider";
/** @default target: the serialized provider stays under 4 KB per resource. */
export const PROVIDER_BYTES_TARGET = 4096;
const ROUTE_TYPE = /:Vpn(Pbr)?RouteEntry$/;

export interface StateResult {
  /** Bytes of one resource's `__provider` text (the closure the provider host loads), largest seen. */
  providerBytesPerResource: number;
  /** Bytes `__provider` takes in one resource's stored state: inputs and outputs, encrypted as a secret. */
  providerStoredBytesPerResource: number;
  providerTargetBytes: number;
  /** The state file's size, scaled to 1,000 routes when the stack holds another number. */
  stateBytesPer1000Routes: number;
  stateFileBytes: number;
  routes: number;
}

type StoredResource = NonNullable<StackDeployment["deployment"]["resources"]>[number];

const routeResources = (d: StackDeployment): StoredResource[] =>
  (d.deployment.resources ?? []).filter((r) => ROUTE_TYPE.test(r.type));

/** UTF-8 bytes of a value as the state stores it (a string as is, anything else as JSON). */
export function storedBytes(value: unknown): number {
  if (value === undefined) return 0;
  return Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value), "utf8");
}

export function providerSizes(plain: StackDeployment, stored: StackDeployment) {
  const plainSizes = routeResources(plain).map((r) => storedBytes(r.outputs?.[PROVIDER_KEY]));
  const storedSizes = routeResources(stored).map(
    (r) => storedBytes(r.inputs?.[PROVIDER_KEY]) + storedBytes(r.outputs?.[PROVIDER_KEY]),
  );
  if (plainSizes.length === 0) throw new Error("no route resources in the exported state");
  return {
    providerBytesPerResource: Math.max(...plainSizes),
    providerStoredBytesPerResource: Math.max(...storedSizes),
  };
}

export async function measureState(
  project: PulumiProject,
  routes: number,
  fileBytes: number,
): Promise<StateResult> {
  const plain = await project.exportStack({ showSecrets: true });
  const stored = await project.exportStack();
  return {
    ...providerSizes(plain, stored),
    providerTargetBytes: PROVIDER_BYTES_TARGET,
    stateBytesPer1000Routes: Math.round((fileBytes * 1000) / routes),
    stateFileBytes: fileBytes,
    routes,
  };
}
