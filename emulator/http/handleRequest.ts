/**
 * One request, start to end: parse, count, authenticate, check version and action, roll the fault dice,
 * run the handler, answer (or lose the answer), log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate } from "../auth/authenticate";
import type { CredentialRegistry } from "../auth/credentials";
import type { NonceCache } from "../auth/nonces";
import { API_VERSION } from "../constants";
import {
  ApiError,
  busy,
  internalError,
  invalidAction,
  invalidVersion,
  missingParameter,
  serviceUnavailable,
  serviceThrottled,
  throttled,
} from "../errors";
import type { FaultDecision, FaultInjector } from "../faults";
import type { RateLimiter } from "../rateLimits/limiter";
import { Params } from "../handlers/params";
import { handlerFor } from "../handlers/registry";
import { run } from "../handlers/actions";
import type { EmulatorLogEntry, RequestLog } from "../requestLog";
import type { Stores } from "../state/store";
import { parseRequest, readBody } from "./parseRequest";
import { sendError, sendResult } from "./respond";

/** The emulator's parts a request needs. */
export interface RequestCore {
  clock(): number;
  nextRequestId(): string;
  configDelayMs: number;
  registry: CredentialRegistry;
  nonces: NonceCache;
  faults: FaultInjector;
  rateLimits: RateLimiter;
  log: RequestLog;
  stores: Stores;
  changed(): void;
}

function earlyFault(decision: FaultDecision): ApiError | undefined {
  switch (decision.early) {
    case "throttle":
      return serviceThrottled(decision.retryAfterSeconds);
    case "service-unavailable":
      return serviceUnavailable();
    case "internal-error":
      return internalError();
    default:
      return undefined;
  }
}

type Outcome = { body: Record<string, unknown> } | { error: ApiError };

export async function handleRequest(
  core: RequestCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = core.nextRequestId();
  const entry: EmulatorLogEntry = { time: core.clock(), action: "", params: {}, status: 0, requestId };
  const finish = (outcome: Outcome | "reset") => {
    if (outcome === "reset") {
      res.socket?.destroy();
    } else if ("error" in outcome) {
      entry.status = outcome.error.status;
      entry.code = outcome.error.code;
      sendError(res, requestId, outcome.error);
    } else {
      entry.status = 200;
      sendResult(res, requestId, outcome.body);
    }
    core.log.add(entry);
  };
  try {
    const parsed = parseRequest(req, await readBody(req));
    core.log.count(parsed.action);
    entry.action = parsed.action ?? "";
    entry.params = parsed.params;
    const { principal, claims } = authenticate(parsed, core.registry, core.nonces, core.clock());
    entry.accessKeyId = principal.accessKeyId;
    entry.accountId = principal.accountId;
    entry.scheme = claims.scheme;
    if (!claims.version) throw missingParameter("Version");
    if (claims.version !== API_VERSION) throw invalidVersion(claims.version);
    if (!parsed.action) throw missingParameter("Action");
    const handler = handlerFor(parsed.action);
    if (!handler) throw invalidAction(parsed.action);

    // The account's budget for this action in this region, before anything else of the request counts.
    const waitMs = core.rateLimits.admit(
      principal.accountId,
      parsed.params.RegionId ?? "",
      parsed.action,
      core.clock(),
    );
    if (waitMs !== undefined) {
      entry.rateLimited = true;
      throw throttled(Math.max(1, Math.ceil(waitMs / 1000)));
    }

    // Faults only for authenticated calls of real actions.
    const decision = core.faults.decide();
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.early) entry.fault = decision.early;
    if (decision.early === "reset-before") return finish("reset");
    const fault = earlyFault(decision);
    if (fault) throw fault;
    const busyCode = handler.kind === "write" ? core.faults.decideBusy() : undefined;
    if (busyCode) {
      entry.fault = "busy";
      throw busy(busyCode);
    }

    let outcome: Outcome;
    try {
      const now = core.clock();
      entry.time = now;
      const ctx = {
        action: parsed.action,
        params: new Params(parsed.params),
        accountId: principal.accountId,
        now,
        configDelayMs: core.configDelayMs,
        stores: core.stores,
        changed: () => core.changed(),
      };
      outcome = { body: run(ctx, handler) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcome = { error };
    }
    if (decision.resetAfter) {
      // The action ran (a write is committed) but the caller never learns: a lost response.
      entry.fault = "reset-after";
      entry.status = 0;
      return finish("reset");
    }
    finish(outcome);
  } catch (error) {
    if (error instanceof ApiError) return finish({ error });
    console.error(`alicloud-vpc-emulator: ${requestId}: ${(error as Error)?.message ?? String(error)}`);
    finish({ error: internalError() });
  }
}
