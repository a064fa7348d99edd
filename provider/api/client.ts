/**
 * VpcClient: the typed client of the VPC API (2016-04-28) actions the product uses, no Pulumi inside. Each
 * method is one logical operation: a write with its ClientToken, a listing fetched page by page, or a wait
 * for the gateway (on poll.ts); invoker.ts makes each call, signed and retried against one deadline.
 */
import { isThrottlingCode } from "./codes";
import { DeadlineExceededError, VpcApiError } from "./errors";
import type { Invoker, InvokeResult, VpcClientOptions, WhileBusy, WhileThrottled } from "./invoker";
import { pollUntil } from "./poll";
import type { Deadline } from "./retry";
import type {
  CreateVpnPbrRouteEntryRequest,
  CreateVpnPbrRouteEntryResponse,
  CreateVpnRouteEntryRequest,
  CreateVpnRouteEntryResponse,
  DeleteVpnPbrRouteEntryRequest,
  DeleteVpnRouteEntryRequest,
  DescribeVpnGatewayRequest,
  DescribeVpnGatewayResponse,
  DescribeVpnPbrRouteEntriesRequest,
  DescribeVpnRouteEntriesRequest,
  GatewayScoped,
  ModifyVpnPbrRouteEntryAttributeRequest,
  ModifyVpnPbrRouteEntryPriorityRequest,
  ModifyVpnPbrRouteEntryWeightRequest,
  ModifyVpnRouteEntryWeightRequest,
  Page,
  PublishVpnRouteEntryRequest,
  ResponseBase,
  VpnPbrRouteEntry,
  VpnRouteEntry,
} from "./types";

/** The largest page the Describe* listings accept. */
const MAX_PAGE_SIZE = 50;

/** Polling of DescribeVpnGateway while a gateway applies a change: 1 s, growing 1.5x to 10 s. */
const DEFAULT_GATEWAY_POLL_MS = 1_000;
const MAX_GATEWAY_POLL_MS = 10_000;
const GATEWAY_POLL_GROWTH = 1.5;
const GATEWAY_STATUS_ACTIVE = "active";

export type { VpcClientOptions, WhileBusy, WhileThrottled } from "./invoker";

/** How a gateway's writes wait out a throttle and a busy refusal (see {@link VpcClient.withWriteWaits}). */
export interface WriteWaits {
  /** Runs the wait out of a throttle. @default the wait alone */
  whileThrottled?: WhileThrottled;
  /** Runs the wait after a busy refusal. @default the wait alone */
  whileBusy?: WhileBusy;
}
export type { RetryEvent } from "./retry";

/** How hard one call tried. Non-enumerable on results, so spreading or serialising a result leaves it out. */
export interface CallMetadata {
  /** Attempts made, the successful one included. */
  attempts: number;
  /** Total time slept between those attempts, in ms. */
  totalRetryDelayMs: number;
  /** The API's RequestId of the answer. */
  requestId?: string;
}
/** A result of the client with its {@link CallMetadata} as a non-enumerable `$metadata`. */
export type WithMetadata<T> = T & {
  /** How hard the call tried (see {@link getCallMetadata}). */
  readonly $metadata: CallMetadata;
};

/** Options of one write. */
export interface WriteOptions {
  /** Sent with every attempt of this write. @default a new uuid v4 per logical write */
  clientToken?: string;
}

/** Options of {@link VpcClient.waitForGatewayActive}. */
export interface WaitOptions {
  /** Deadline of the wait. @default the client's deadline */
  deadlineMs?: number;
  /** First poll interval; grows by `pollGrowth` up to 10 s. @default 1000 */
  pollMs?: number;
  /** Factor each poll interval grows by. @default 1.5 */
  pollGrowth?: number;
  /** The longest poll interval. @default 10000 */
  maxPollMs?: number;
  /**
   * Epoch ms: a throttled look ends the wait (`throttled` in the answer) at this time instead of being asked
   * again after its x-acs-retry-after (1 s), for a caller that expects the gateway done by then and whose next
   * write is retried anyway if the gateway is still busy. A look throttled earlier waits until then without
   * asking again (a write sent before then would most likely be refused, and a refusal waits up to a second
   * before its retry). @default never: a throttled look is asked again after its x-acs-retry-after
   */
  releaseOnThrottleAfter?: number;
}

/** What a wait for the gateway saw, in the client's clock (epoch ms, at each answer). */
export interface GatewayWait {
  /** The last answer that still said the gateway was busy; absent when the first answer said active. */
  lastBusyAt?: number;
  /** The wait ended at a throttled look (`releaseOnThrottleAfter`): the gateway's status is not known. */
  throttled?: boolean;
  /**
   * When the gateway was seen active: when that look was asked, or, for a look that was retried (a throttled
   * or failed attempt first), when it was answered, since the answer is as of its last attempt.
   */
  activeSeenAt: number;
}

/** A listing's request for one page. */
export type PageRequest<R> = R & {
  /** The page, from 1. */
  PageNumber: number;
  /** Entries per page, at most 50. @default the API's own */
  PageSize?: number;
};

/** The call metadata of a result, if it came from this client. */
export function getCallMetadata(result: unknown): CallMetadata | undefined {
  return (result as { $metadata?: CallMetadata } | null | undefined)?.$metadata;
}

/** Typed client of the VPC API (2016-04-28) route-entry actions. No Pulumi inside. */
export class VpcClient {
  private readonly invoker: Invoker;
  private readonly writeWaits: WriteWaits = {};

  constructor(options: VpcClientOptions = {}) {
    // Required here, not imported: a Pulumi program loads this class with the package, and the invoker's
    // HTTP and credential libraries (about 130 modules, 0.2 to 0.3 s) only when it makes a client of its own.
    const { Invoker: InvokerClass } = require("./invoker") as typeof import("./invoker");
    this.invoker = new InvokerClass(options);
  }

  /**
   * This client (the same connections, budget and credentials), whose writes run their waits through the
   * gateway's: out of a throttle through `whileThrottled` (a gateway's write lends its turn to the next write
   * meanwhile), after a busy refusal through `whileBusy` (it waits for the gateway to be active again).
   */
  withWriteWaits(writeWaits: WriteWaits): VpcClient {
    return Object.assign(Object.create(this) as VpcClient, { writeWaits });
  }

  /** The client's default region (option, config, env, CLI profile), read now. */
  get region(): string | undefined {
    return this.invoker.defaultRegion()?.region;
  }

  /** Where {@link region} was read from, e.g. `Pulumi config alicloud:region`; undefined when unset. */
  get regionSource(): string | undefined {
    return this.invoker.defaultRegion()?.source;
  }

  /**
   * Checks the credential configuration without any network call: throws ConfigurationError for a value
   * that cannot work (malformed role ARN, sessionExpiration out of range, missing OIDC token file). Finding
   * no credentials at all is not an error here (a preview may run without them).
   */
  checkCredentialConfiguration(): void {
    this.invoker.checkCredentialConfiguration();
  }

  // ---- destination-based routes ----

  /** CreateVpnRouteEntry: adds a destination-based route; one ClientToken for every attempt. */
  createVpnRouteEntry(req: CreateVpnRouteEntryRequest, opts?: WriteOptions) {
    return this.write<CreateVpnRouteEntryResponse>("CreateVpnRouteEntry", req, opts);
  }
  /** DeleteVpnRouteEntry: removes a destination-based route. */
  deleteVpnRouteEntry(req: DeleteVpnRouteEntryRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("DeleteVpnRouteEntry", req, opts);
  }
  /** ModifyVpnRouteEntryWeight: sets a destination-based route active (100) or standby (0). */
  modifyVpnRouteEntryWeight(req: ModifyVpnRouteEntryWeightRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("ModifyVpnRouteEntryWeight", req, opts);
  }
  /** PublishVpnRouteEntry: advertises a route to the VPC's system route table, or withdraws it. */
  publishVpnRouteEntry(req: PublishVpnRouteEntryRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("PublishVpnRouteEntry", req, opts);
  }

  /** Every entry, fetched at PageSize 50 until TotalCount is reached; one deadline for all pages. */
  async describeVpnRouteEntries(req: DescribeVpnRouteEntriesRequest): Promise<VpnRouteEntry[]> {
    const deadline = this.invoker.deadline();
    return collectAllPages(MAX_PAGE_SIZE, (PageNumber) =>
      this.routePage({ ...req, PageNumber, PageSize: MAX_PAGE_SIZE }, deadline),
    );
  }
  /** One page of DescribeVpnRouteEntries, as the API returns it. */
  async describeVpnRouteEntriesPage(req: PageRequest<DescribeVpnRouteEntriesRequest>) {
    return this.routePage(req, this.invoker.deadline());
  }

  // ---- policy-based routes ----

  /** CreateVpnPbrRouteEntry: adds a policy-based route; one ClientToken for every attempt. */
  createVpnPbrRouteEntry(req: CreateVpnPbrRouteEntryRequest, opts?: WriteOptions) {
    return this.write<CreateVpnPbrRouteEntryResponse>("CreateVpnPbrRouteEntry", req, opts);
  }
  /** DeleteVpnPbrRouteEntry: removes a policy-based route. */
  deleteVpnPbrRouteEntry(req: DeleteVpnPbrRouteEntryRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("DeleteVpnPbrRouteEntry", req, opts);
  }
  /** ModifyVpnPbrRouteEntryWeight: sets a policy-based route active (100) or standby (0). */
  modifyVpnPbrRouteEntryWeight(req: ModifyVpnPbrRouteEntryWeightRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("ModifyVpnPbrRouteEntryWeight", req, opts);
  }
  /** ModifyVpnPbrRouteEntryAttribute: a policy-based route's weight and priority in one call. */
  modifyVpnPbrRouteEntryAttribute(req: ModifyVpnPbrRouteEntryAttributeRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("ModifyVpnPbrRouteEntryAttribute", req, opts);
  }
  /** ModifyVpnPbrRouteEntryPriority: sets a policy-based route's priority. */
  modifyVpnPbrRouteEntryPriority(req: ModifyVpnPbrRouteEntryPriorityRequest, opts?: WriteOptions) {
    return this.write<ResponseBase>("ModifyVpnPbrRouteEntryPriority", req, opts);
  }

  /** Every policy-based entry, fetched at PageSize 50 until TotalCount is reached; one deadline for all pages. */
  async describeVpnPbrRouteEntries(req: DescribeVpnPbrRouteEntriesRequest): Promise<VpnPbrRouteEntry[]> {
    const deadline = this.invoker.deadline();
    return collectAllPages(MAX_PAGE_SIZE, (PageNumber) =>
      this.pbrPage({ ...req, PageNumber, PageSize: MAX_PAGE_SIZE }, deadline),
    );
  }
  /** One page of DescribeVpnPbrRouteEntries, as the API returns it. */
  async describeVpnPbrRouteEntriesPage(req: PageRequest<DescribeVpnPbrRouteEntriesRequest>) {
    return this.pbrPage(req, this.invoker.deadline());
  }

  // ---- gateway ----

  /** DescribeVpnGateway: the gateway's status (`active`, `updating`, ...) and attributes. */
  describeVpnGateway(req: DescribeVpnGatewayRequest): Promise<WithMetadata<DescribeVpnGatewayResponse>> {
    return this.read<DescribeVpnGatewayResponse>("DescribeVpnGateway", req);
  }

  /**
   * Polls DescribeVpnGateway until Status is `active` (writes are asynchronous: the gateway is `updating`
   * while it applies one). Says when it last saw the gateway busy and when active, so callers can learn how
   * long a write takes. Throws DeadlineExceededError naming the last status seen.
   */
  async waitForGatewayActive(req: GatewayScoped, opts: WaitOptions = {}): Promise<GatewayWait> {
    const deadline = this.invoker.deadline(opts.deadlineMs);
    let lastBusyAt: number | undefined;
    const look = async () => {
      const askedAt = this.invoker.now();
      const releaseAt = opts.releaseOnThrottleAfter;
      const gateway =
        releaseAt !== undefined
          ? await this.lookUnlessThrottled(req, deadline)
          : await this.read<DescribeVpnGatewayResponse>("DescribeVpnGateway", req, deadline);
      if (gateway === undefined) {
        // Throttled: says nothing of the gateway (no busy time to learn from); the wait ends at releaseAt.
        const early = releaseAt! - this.invoker.now();
        if (early > 0) await this.invoker.sleep(early);
        return { gateway, askedAt, active: true };
      }
      const active = gateway.Status === GATEWAY_STATUS_ACTIVE;
      const answeredAt = this.invoker.now();
      if (!active) lastBusyAt = answeredAt;
      return { gateway, askedAt: gateway.$metadata.attempts > 1 ? answeredAt : askedAt, active };
    };
    const seen = await pollUntil(look, (s) => s.active, {
      schedule: {
        firstMs: opts.pollMs ?? DEFAULT_GATEWAY_POLL_MS,
        growth: opts.pollGrowth ?? GATEWAY_POLL_GROWTH,
        maxMs: Math.min(opts.maxPollMs ?? MAX_GATEWAY_POLL_MS, MAX_GATEWAY_POLL_MS),
      },
      deadlineAt: deadline.at,
      now: () => this.invoker.now(),
      sleep: (ms) => this.invoker.sleep(ms),
      timeout: (last, looks) =>
        new DeadlineExceededError({
          action: "DescribeVpnGateway",
          deadlineMs: deadline.budgetMs,
          attempts: looks,
          totalRetryDelayMs: 0,
          waitingFor: `gateway ${req.VpnGatewayId} to become ${GATEWAY_STATUS_ACTIVE} (last status: ${last.gateway?.Status})`,
        }),
    });
    if (seen.gateway === undefined) return { lastBusyAt, activeSeenAt: seen.askedAt, throttled: true };
    return { lastBusyAt, activeSeenAt: seen.askedAt };
  }

  /**
   * Any action of the VPC API, for what the typed methods do not cover. Writes should pass a ClientToken
   * in `params` themselves.
   */
  async invoke<T extends object = Record<string, unknown>>(
    action: string,
    params: object,
  ): Promise<WithMetadata<T>> {
    return withMetadata<T>(await this.invoker.invoke(action, params));
  }

  /** Closes idle keep-alive connections; the client still works afterwards (new connections). */
  destroy(): void {
    this.invoker.destroy();
  }

  // ---- plumbing ----

  private async write<T extends object>(
    action: string,
    req: object,
    opts?: WriteOptions,
  ): Promise<WithMetadata<T>> {
    // One token for every attempt of this logical write: retries after a lost answer cannot apply it twice.
    const ClientToken = opts?.clientToken ?? this.invoker.newId();
    return withMetadata<T>(
      await this.invoker.invoke(action, { ...req, ClientToken }, undefined, this.writeWaits),
    );
  }

  /** One status look without waiting out a throttle (undefined then); other failures retried as usual. */
  private async lookUnlessThrottled(req: GatewayScoped, deadline: Deadline) {
    try {
      return withMetadata<DescribeVpnGatewayResponse>(
        await this.invoker.invoke("DescribeVpnGateway", req, deadline, { maxAttempts: 1 }),
      );
    } catch (err) {
      if (err instanceof VpcApiError && isThrottlingCode(err.code)) return undefined;
      if (!(err instanceof VpcApiError) || err.kind === "final" || err.kind === "notFound") throw err;
      return this.read<DescribeVpnGatewayResponse>("DescribeVpnGateway", req, deadline);
    }
  }

  private async read<T extends object>(
    action: string,
    req: object,
    deadline?: Deadline,
  ): Promise<WithMetadata<T>> {
    return withMetadata<T>(await this.invoker.invoke(action, req, deadline));
  }

  private async routePage(req: PageRequest<DescribeVpnRouteEntriesRequest>, deadline: Deadline) {
    const result = await this.invoker.invoke("DescribeVpnRouteEntries", req, deadline);
    return attachMetadata(toPage<VpnRouteEntry>(result.body, "VpnRouteEntries", "VpnRouteEntry"), result);
  }

  private async pbrPage(req: PageRequest<DescribeVpnPbrRouteEntriesRequest>, deadline: Deadline) {
    const result = await this.invoker.invoke("DescribeVpnPbrRouteEntries", req, deadline);
    return attachMetadata(
      toPage<VpnPbrRouteEntry>(result.body, "VpnPbrRouteEntries", "VpnPbrRouteEntry"),
      result,
    );
  }
}

function withMetadata<T extends object>(result: InvokeResult): WithMetadata<T> {
  return attachMetadata(result.body as T, result);
}

function attachMetadata<T extends object>(value: T, result: InvokeResult): WithMetadata<T> {
  const { attempts, totalRetryDelayMs, requestId } = result.metadata;
  const metadata: CallMetadata = { attempts, totalRetryDelayMs, requestId };
  Object.defineProperty(value, "$metadata", { value: metadata, enumerable: false });
  return value as WithMetadata<T>;
}

// ---- paging ----

/**
 * Fetches pages 1, 2, ... until the entries reach TotalCount. Also stops on an empty page and after the
 * number of pages TotalCount implies, so a server that miscounts cannot make it loop forever.
 */
async function collectAllPages<T>(
  pageSize: number,
  fetchPage: (pageNumber: number) => Promise<Page<T>>,
): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber);
    all.push(...page.entries);
    const lastPage = Math.ceil(page.TotalCount / pageSize);
    if (page.entries.length === 0 || all.length >= page.TotalCount || pageNumber >= lastPage) return all;
  }
}

/** Reads a listing's `{ TotalCount, PageNumber, PageSize, <Outer>: { <Inner>: [...] } }` shape. */
function toPage<T>(body: Record<string, unknown>, outer: string, inner: string): Page<T> {
  const wrapper = body[outer] as Record<string, unknown> | undefined;
  const list = wrapper?.[inner];
  return {
    RequestId: String(body.RequestId ?? ""),
    PageNumber: Number(body.PageNumber ?? 0),
    PageSize: Number(body.PageSize ?? 0),
    TotalCount: Number(body.TotalCount ?? 0),
    entries: Array.isArray(list) ? (list as T[]) : [],
  };
}
