/**
 * What every action handler receives, the two kinds of handler, how an action finds its gateway, and the
 * steps every write shares, in order: parameters, gateway, financial lock, client token, dry run, gateway
 * busy, the change itself, then the gateway turns `updating` for configDelayMs. All synchronous:
 * concurrent requests cannot interleave between the status check and the change.
 */
import { COMMON_PARAMS } from "../constants";
import {
  dryRunPassed,
  financialLocked,
  forbidden,
  gatewayConfiguring,
  gatewayNotFound,
  idempotentMismatch,
} from "../errors";
import type { GatewayRecord } from "../model";
import { clientTokenKey, type RegionStore, type Stores } from "../state/store";
import type { Params } from "./params";

export interface HandlerContext {
  action: string;
  params: Params;
  /** The caller's account (from its access key). */
  accountId: string;
  now: number;
  configDelayMs: number;
  stores: Stores;
  /** Called once after state changed (persistence). */
  changed(): void;
}

export type ResponseBody = Record<string, unknown>;

/** A read: no gateway lock, no client token. */
export interface ReadAction {
  kind: "read";
  run(ctx: HandlerContext): ResponseBody;
}

/**
 * A write on one gateway. `parse` validates parameters (pure); `apply` checks the gateway's tables and
 * changes them, synchronously, so that the status check and the change happen with no await between.
 */
export interface WriteAction<Input> {
  kind: "write";
  /** Honours `DryRun` (the reference lists it only on the two Create actions); elsewhere it is ignored. */
  acceptsDryRun?: boolean;
  parse(params: Params): Input;
  apply(gateway: GatewayRecord, input: Input, now: number): ResponseBody;
}

export type ActionHandler = ReadAction | WriteAction<unknown>;

/** A write handler, its input type taken from what `parse` returns. */
export function write<Input>(action: Omit<WriteAction<Input>, "kind">): ActionHandler {
  // apply's input is only ever what parse returned: the registry may hold every write as one type.
  return { kind: "write", ...action } as WriteAction<unknown>;
}

const FINANCIAL_LOCKED = "FinancialLocked";
const UPDATING = "updating";
const ACTIVE = "active";

interface GatewayRef {
  regionId: string;
  vpnGatewayId: string;
}

function gatewayRef(params: Params): GatewayRef {
  return { regionId: params.required("RegionId"), vpnGatewayId: params.required("VpnGatewayId") };
}

/** The gateway in the caller's account and region; another account's gateway is Forbidden. */
function resolveGateway(stores: Stores, store: RegionStore, vpnGatewayId: string): GatewayRecord {
  const own = store.gateways.get(vpnGatewayId);
  if (own) return own;
  const elsewhere = stores.findGateway(vpnGatewayId);
  if (elsewhere && elsewhere.accountId !== store.accountId) throw forbidden();
  throw gatewayNotFound(vpnGatewayId);
}

/** The gateway a read names (RegionId, VpnGatewayId). */
export function namedGateway(ctx: HandlerContext): GatewayRecord {
  const ref = gatewayRef(ctx.params);
  return resolveGateway(ctx.stores, ctx.stores.region(ctx.accountId, ref.regionId), ref.vpnGatewayId);
}

/** `updating` while a change is being applied (computed lazily from the clock), else the base status. */
export function gatewayStatus(gateway: GatewayRecord, now: number): string {
  return now < gateway.busyUntil ? UPDATING : gateway.baseStatus;
}

/** ClientToken: the action's own parameters, sorted, as sent (the signing envelope and the token left out). */
function fingerprint(raw: Readonly<Record<string, string>>): string {
  const own = Object.keys(raw)
    .filter((name) => !COMMON_PARAMS.has(name))
    .sort()
    .map((name) => [name, raw[name]]);
  return JSON.stringify(own);
}

/**
 * The remembered response for this token, or undefined when the token is new: the same token with the same
 * parameters returns the original result; with different parameters it is refused.
 */
function replay(store: RegionStore, action: string, token: string, print: string): ResponseBody | undefined {
  const seen = store.clientTokens.get(clientTokenKey(action, token));
  if (!seen) return undefined;
  if (seen.fingerprint !== print) throw idempotentMismatch();
  return seen.response;
}

function runWrite<Input>(ctx: HandlerContext, action: WriteAction<Input>): ResponseBody {
  const ref = gatewayRef(ctx.params);
  const input = action.parse(ctx.params);
  const token = ctx.params.clientToken();
  // Where the reference does not list DryRun, the API ignores it as an unknown parameter (CHOICES.md).
  const dryRun = action.acceptsDryRun === true && (ctx.params.optionalBoolean("DryRun") ?? false);
  const store = ctx.stores.region(ctx.accountId, ref.regionId);
  const gateway = resolveGateway(ctx.stores, store, ref.vpnGatewayId);
  if (gateway.businessStatus === FINANCIAL_LOCKED) throw financialLocked();
  if (dryRun) {
    // Run the table checks on a copy, so a dry run reports what the real call would refuse.
    action.apply(structuredClone(gateway), input, ctx.now);
    throw dryRunPassed();
  }
  const print = fingerprint(ctx.params.raw);
  // Before the busy check: a retry of a committed write must succeed even while the gateway is updating.
  const original = token === undefined ? undefined : replay(store, ctx.action, token, print);
  if (original) return original;
  if (gatewayStatus(gateway, ctx.now) !== ACTIVE) throw gatewayConfiguring();
  const response = action.apply(gateway, input, ctx.now);
  gateway.busyUntil = ctx.now + ctx.configDelayMs;
  if (token !== undefined) {
    const record = { action: ctx.action, token, fingerprint: print, response, time: ctx.now };
    store.clientTokens.set(clientTokenKey(ctx.action, token), record);
  }
  ctx.changed();
  return response;
}

export function run(ctx: HandlerContext, handler: ActionHandler): ResponseBody {
  return handler.kind === "read" ? handler.run(ctx) : runWrite(ctx, handler);
}
