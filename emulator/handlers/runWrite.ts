/**
 * The steps every write shares, in order: parameters, gateway, financial lock, client token, dry run,
 * gateway busy, the change itself, then the gateway turns `updating` for configDelayMs. All synchronous:
 * concurrent requests cannot interleave between the status check and the change.
 */
import { dryRunPassed, financialLocked, gatewayConfiguring } from "../errors";
import type { ActionHandler, HandlerContext, ResponseBody, WriteAction } from "./context";
import { ACTIVE, gatewayRef, gatewayStatus, regionStore, resolveGateway } from "./gatewayAccess";
import { fingerprint, remember, replay } from "./idempotency";

export const FINANCIAL_LOCKED = "FinancialLocked";

export function runWrite<Input>(ctx: HandlerContext, action: WriteAction<Input>): ResponseBody {
  const ref = gatewayRef(ctx);
  const input = action.parse(ctx.params);
  const token = ctx.params.clientToken();
  // Where the reference does not list DryRun, the API ignores it as an unknown parameter (CHOICES.md).
  const dryRun = action.acceptsDryRun === true && (ctx.params.optionalBoolean("DryRun") ?? false);
  const store = regionStore(ctx, ref);
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
    remember(store, { action: ctx.action, token, fingerprint: print, response, time: ctx.now });
  }
  ctx.changed();
  return response;
}

export function run(ctx: HandlerContext, handler: ActionHandler): ResponseBody {
  return handler.kind === "read" ? handler.run(ctx) : runWrite(ctx, handler);
}
