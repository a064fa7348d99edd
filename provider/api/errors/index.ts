import { DeadlineExceededError } from "./DeadlineExceededError";
import { VpcApiError } from "./VpcApiError";

export { VpcApiError, type ErrorKind, type VpcApiErrorInit } from "./VpcApiError";
export { CredentialsNotFoundError } from "./CredentialsNotFoundError";
export { InsecureEndpointError } from "./InsecureEndpointError";
export { DeadlineExceededError, type DeadlineExceededInit } from "./DeadlineExceededError";
export { RegionNotFoundError } from "./RegionNotFoundError";
export { ConfigurationError } from "./ConfigurationError";
export { CredentialFetchError } from "./CredentialFetchError";
export { OperationCancelledError, isCancelled } from "./OperationCancelledError";
export { adviceFor } from "./advice";
export * from "./codes";

/** The API said the resource (gateway, route) does not exist. */
export function isNotFound(err: unknown): err is VpcApiError {
  return err instanceof VpcApiError && err.kind === "notFound";
}

/** The gateway was busy with another change, also when the deadline ran out while it stayed busy. */
export function isBusy(err: unknown): boolean {
  if (err instanceof VpcApiError) return err.kind === "busy";
  if (err instanceof DeadlineExceededError) return isBusy(err.lastError);
  return false;
}
