/** Requests per action and a bounded log of what was asked and answered, for tests and benchmarks. */
import { MAX_LOG_ENTRIES, SECRET_PARAMS } from "./constants";
import type { FaultKind } from "./faults";

/** One request the emulator handled, and its answer. */
export interface EmulatorLogEntry {
  /** Clock time the request was handled. */
  time: number;
  /** The API action asked for. */
  action: string;
  /** The request's parameters without secrets (no Signature, SecurityToken). */
  params: Record<string, string>;
  /** HTTP status; 0 when the connection was reset without an answer. */
  status: number;
  /** The error code, when refused. */
  code?: string;
  /** The RequestId of the answer. */
  requestId?: string;
  /** The caller's access key ID. */
  accessKeyId?: string;
  /** The caller's account (from its key), when authenticated. */
  accountId?: string;
  /** The signature scheme of the request. */
  scheme?: "rpc" | "acs3";
  /** The seeded fault that answered it, if one did. */
  fault?: FaultKind;
  /** Refused by the account's rate limit for this action and region (Throttling.User), not by a fault. */
  rateLimited?: true;
}

/** Counted under this name when a request names no action. */
export const NO_ACTION = "(none)";

export class RequestLog {
  private readonly perAction = new Map<string, number>();
  private entries: EmulatorLogEntry[] = [];

  count(action: string | undefined): void {
    const name = action ?? NO_ACTION;
    this.perAction.set(name, (this.perAction.get(name) ?? 0) + 1);
  }

  add(entry: EmulatorLogEntry): void {
    this.entries.push({ ...entry, params: withoutSecrets(entry.params) });
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.perAction);
  }

  list(): EmulatorLogEntry[] {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear(): void {
    this.perAction.clear();
    this.entries = [];
  }
}

function withoutSecrets(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !SECRET_PARAMS.has(name)));
}
