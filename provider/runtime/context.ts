import { CallBudget } from "../api/budget/callBudget";
import { VpcClient, type VpcClientOptions } from "../api/client";
import { GatewayScheduler } from "../api/gatewayScheduler";
import { CONFIG_KEYS, ENV_KEYS } from "../api/config/keys";
import { deadlineMsFromConfig } from "./config";
import { ListingCache } from "../lifecycle/listingCache";
import { ApplyTimes } from "../lifecycle/applyTimes";
import { DeclaredRoutes } from "../lifecycle/declaredRoutes";
import { GatewayModes } from "../lifecycle/gatewayModes";
import { APPLY_TIME_SHRINK, LISTING_MAX_AGE_MS, MAX_EXPECTED_APPLY_MS } from "../constants";
import { abortable } from "../api/abortable";
import { Cancellation } from "./cancellation";
import { listenForEngineCancel } from "./engineCancel";

/** Process-level settings besides the stack configuration; tests pin time and point at the emulator here. */
export interface RuntimeOptions {
  /** Passed to the VpcClient over what configure() gave. @default {} */
  client?: Partial<VpcClientOptions>;
  /** First poll interval of the listing and gateway waits. @default 1000 (listing), 200 (gateway, after its learned apply time) */
  pollMs?: number;
  /** Deadline of one listing wait. @default `alicloud-vpn:deadlineSeconds`, else 600000 */
  deadlineMs?: number;
  /** @default a setTimeout promise */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. @default Date.now */
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What one provider process shares between all its resources of both kinds: the configuration from
 * configure(), one API client, the per-gateway write order and the shared listings.
 */
export class RuntimeContext {
  /** Writes to one gateway run one at a time; different gateways in parallel. */
  readonly scheduler = new GatewayScheduler();
  /** Reads of one gateway's routes share one paged listing until this process writes to the gateway. */
  readonly listings = new ListingCache(LISTING_MAX_AGE_MS, () => this.now());
  /**
   * A weight change of one destination (its routes' deletes, re-creates and modifies, planned from one
   * listing) runs whole before the next one on that destination starts; keyed by destinationKey().
   */
  readonly destinations = new GatewayScheduler();
  /** The routes declared to this process, for a promotion that must reconfigure the active sibling. */
  declared = new DeclaredRoutes();
  /** Which gateways are in dual-tunnel mode (weights change only by replacing the route there). */
  gatewayModes = new GatewayModes();
  /** How long writes take to apply on each gateway, learned as they happen. */
  readonly applyTimes = new ApplyTimes(MAX_EXPECTED_APPLY_MS, APPLY_TIME_SHRINK);
  /**
   * One budget of API calls per account, region and action for the whole process (both resource kinds, every
   * client this process makes): writes queue instead of being throttled, and gateway polls share the read
   * budget across gateways.
   */
  readonly budget = new CallBudget({ now: () => this.now(), sleep: (ms) => this.sleep(ms) });
  /** The engine's Cancel (Ctrl-C, SIGTERM): ends the operations in flight. */
  readonly cancellation = new Cancellation();
  private config: Record<string, string> = {};
  private options: RuntimeOptions = {};
  private cachedClient?: VpcClient;
  private watchingEngineCancel = false;

  /** Ends the operations in flight when the engine sends Cancel (once per process; see engineCancel.ts). */
  watchEngineCancel(): void {
    if (this.watchingEngineCancel) return;
    this.watchingEngineCancel = listenForEngineCancel(() => this.cancellation.cancel());
  }

  /** Called from the providers' configure(); each resource kind calls it with the same stack config. */
  configure(config: Record<string, string>): void {
    this.config = { ...config };
    this.dropClient();
    this.listings.clear();
  }

  setOptions(options: RuntimeOptions): void {
    this.options = { ...options };
    this.dropClient();
    // A new API endpoint (tests start an emulator per case): what was learned of gateways no longer holds.
    this.declared = new DeclaredRoutes();
    this.gatewayModes = new GatewayModes();
  }

  get client(): VpcClient {
    this.cachedClient ??= new VpcClient({
      config: this.config,
      budget: this.budget,
      signal: () => this.cancellation.signal,
      ...this.options.client,
    });
    return this.cachedClient;
  }

  /** The route's region: its own input, else the configured default. */
  region(explicit: unknown): string {
    if (typeof explicit === "string" && explicit !== "") return explicit;
    const region = this.client.region;
    if (region) return region;
    throw new Error(
      `No region for the route: set its region input, or the stack's ${CONFIG_KEYS.region} ` +
        `(pulumi config set ${CONFIG_KEYS.region} cn-hangzhou), or ${ENV_KEYS.region.join(" / ")}.`,
    );
  }

  /** Where the route's region comes from, for messages: its own input, or the default's source. */
  regionSource(explicit: unknown): string {
    if (typeof explicit === "string" && explicit !== "") return "the route's region input";
    return `${this.client.regionSource ?? "the configuration"}; the route sets no region`;
  }

  get pollMs(): number | undefined {
    return this.options.pollMs;
  }

  get deadlineMs(): number {
    return this.options.deadlineMs ?? deadlineMsFromConfig(this.config);
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Ends at once with an OperationCancelledError when the operation is cancelled. */
  sleep(ms: number): Promise<void> {
    return abortable((this.options.sleep ?? realSleep)(ms), this.cancellation.signal, "wait");
  }

  private dropClient(): void {
    this.cachedClient?.destroy();
    this.cachedClient = undefined;
  }
}
