/** What every action handler receives, and the two kinds of handler. */
import type { GatewayRecord } from "../model";
import type { Stores } from "../state/store";
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
