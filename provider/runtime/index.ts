/**
 * The provider runtime: what the serialized providers load by package name (`alicloud-vpn-routes/runtime`)
 * inside the provider process. One Runtime per process, shared by both resource kinds, so writes to a
 * gateway are ordered across VpnRouteEntry and VpnPbrRouteEntry alike. It holds what the process shares (the
 * stack configuration, one API client, one call budget, one clock, the engine's Cancel, one Gateway object per
 * gateway) and binds each route kind's lifecycle to the route's gateway.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";
import type * as pulumi from "@pulumi/pulumi";
import { abortable } from "../api/transport";
import { CallBudget } from "../api/budget";
import { VpcClient, type VpcClientOptions } from "../api/client";
import { CONFIG_KEYS } from "../api/config/keys";
import { deadlineMsFromConfig } from "../api/config/settings";
import { ConfigurationError } from "../api/errors";
import { UNKNOWN } from "../constants";
import { RouteRegionMissingError } from "../errors";
import { Gateways, type Gateway } from "../gateway/gateway";
import { diffRoute } from "../lifecycle/diff";
import { createRoute, deleteRoute, readRoute, updateRoute } from "../lifecycle/operations";
import { compact, routeRefOf } from "../lifecycle/outputs";
import { convergeTable, deleteTable, readTable, tableIdOf } from "../lifecycle/table";
import { changedRoutes, diffTable } from "../lifecycle/tableDiff";
import { listedByKey, undeclaredCustomRoutes } from "../lifecycle/tablePlan";
import { RUNTIME_KEY } from "../resourceProviders";
import { ROUTE_APIS, dbrApi, pbrApi, type RouteApi } from "../routes";
import { TABLE_ROUTE_FIELDS, type RouteTableInputs, type RouteTableOutputs } from "../tableTypes";
import type { RouteInputs, RouteOutputs } from "../types";
import { checkRouteInputs } from "../validation/check";
import { checkRouteTableInputs } from "../validation/checkTable";
import { listenForEngineCancel } from "./engineCancel";
import { Notices } from "./notices";

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
  /** Milliseconds since the epoch, for every wait and budget of the process and the client's clock. @default Date.now */
  now?: () => number;
  /** Where notices of long waits go (see notices.ts). @default a line on stderr, which the engine shows */
  notice?: (line: string) => void;
}

/** One route kind's lifecycle as the runtime serves it: every method of a dynamic provider, present. */
export type RouteProvider = Required<pulumi.dynamic.ResourceProvider<RouteInputs, RouteOutputs>>;

/** VpnGatewayRouteTable's lifecycle as the runtime serves it. */
export type TableProvider = Required<pulumi.dynamic.ResourceProvider<RouteTableInputs, RouteTableOutputs>>;

type Props = Record<string, unknown>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const toStderr = (line: string) => void process.stderr.write(`${line}\n`);

/**
 * The engine's Cancel, as the operations of this process see it. Each lifecycle operation runs in a scope that
 * holds the signal current when it started, so a Cancel aborts every operation in flight (their waits for a
 * gateway lock, their requests, retries and polls) and none started afterwards. The scope follows the
 * operation through every await, so the API client asks for it without any parameter threading.
 */
export class Cancellation {
  private controller = unlimitedController();
  private readonly scope = new AsyncLocalStorage<AbortSignal>();

  /** Runs one lifecycle operation under the current signal. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    return this.scope.run(this.controller.signal, operation);
  }

  /** The signal of the operation being run, undefined outside any. */
  get signal(): AbortSignal | undefined {
    return this.scope.getStore();
  }

  /** Aborts every operation in flight; later operations get a fresh signal (the engine may go on after it). */
  cancel(): void {
    const cancelled = this.controller;
    this.controller = unlimitedController();
    cancelled.abort();
  }
}

/**
 * Every request and wait in flight listens on the one signal, so a large update has far more listeners than
 * Node's default of ten, whose leak warning would reach the user's `pulumi up` (each listener is removed when
 * its request or wait ends).
 */
function unlimitedController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * The stack configuration the provider uses, as `configure()` sees it (namespaced keys, secrets already
 * decrypted). Kept in process memory only: nothing of it reaches the serialized provider or the state.
 */
export function readStackConfig(config: pulumi.dynamic.Config): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of Object.values(CONFIG_KEYS)) {
    const value: unknown = config.get(key);
    if (value === undefined || value === null) continue;
    // Structured values (alicloud:endpoints) may arrive as objects; the client reads JSON text.
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

/**
 * The provider process's shared state and the two route kinds' lifecycles on it. One per process: use
 * {@link runtime}, which the serialized providers load too.
 */
export class Runtime {
  /**
   * One budget of API calls per account, region and action for the whole process (both resource kinds, every
   * client this process makes): writes queue instead of being throttled, and gateway polls share the read
   * budget across gateways.
   */
  readonly budget = new CallBudget({ now: () => this.now(), sleep: (ms) => this.sleep(ms) });
  /** Tells the user of waits they may act on: the rate limit, throttles, an unreachable endpoint, 5xx. */
  readonly notices = new Notices(
    (line) => (this.options.notice ?? toStderr)(line),
    () => this.now(),
  );
  /** The engine's Cancel (Ctrl-C, SIGTERM): ends the operations in flight. */
  readonly cancellation = new Cancellation();
  /** One object per gateway: its write order, listings, apply time, waits and declared routes. */
  readonly gateways = new Gateways({
    client: () => this.client,
    now: () => this.now(),
    sleep: (ms) => this.sleep(ms),
    deadlineMs: () => this.deadlineMs,
    pollMs: () => this.options.pollMs,
  });
  /** The lifecycle of `VpnRouteEntry` (destination-based routes), what `vpnRouteEntryProvider` calls. */
  readonly vpnRouteEntry: RouteProvider = this.routeProvider(dbrApi);
  /** The lifecycle of `VpnPbrRouteEntry` (policy-based routes), what `vpnPbrRouteEntryProvider` calls. */
  readonly vpnPbrRouteEntry: RouteProvider = this.routeProvider(pbrApi);
  /** The lifecycle of `VpnGatewayRouteTable` (a gateway's routes as one resource), on the same gateways. */
  readonly vpnGatewayRouteTable: TableProvider = this.tableProvider();
  private config: Record<string, string> = {};
  private options: RuntimeOptions = {};
  private cachedClient?: VpcClient;
  private watchingEngineCancel = false;

  /** Called from the providers' configure(); each resource kind calls it with the same stack config. */
  configure(config: Record<string, string>): void {
    this.config = { ...config };
    this.dropClient();
    this.gateways.forgetListings();
  }

  /**
   * Replaces the process-level settings (tests: a pinned clock, an emulator's endpoint). Drops the client and
   * what was learned of gateways, since a new endpoint makes it stale.
   */
  setOptions(options: RuntimeOptions): void {
    this.options = { ...options };
    this.dropClient();
    // A new API endpoint (tests start an emulator per case): what was learned of gateways no longer holds.
    this.gateways.clear();
    this.notices.clear();
  }

  /** The process's API client, made at first use from the stack config and the options, then kept. */
  get client(): VpcClient {
    this.cachedClient ??= new VpcClient({
      config: this.config,
      budget: this.budget,
      signal: () => this.cancellation.signal,
      clock: () => new Date(this.now()),
      sleep: (ms) => this.sleep(ms),
      onRetry: (event) => this.notices.retry(event),
      onBudgetWait: (wait) => this.notices.budgetWait(wait),
      ...this.options.client,
    });
    return this.cachedClient;
  }

  /** Deadline of one listing wait. @default `alicloud-vpn:deadlineSeconds`, else 600000 */
  get deadlineMs(): number {
    return this.options.deadlineMs ?? deadlineMsFromConfig(this.config);
  }

  /** Milliseconds since the epoch, from the options' clock. @default Date.now() */
  now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Ends at once with an OperationCancelledError when the operation is cancelled. */
  sleep(ms: number): Promise<void> {
    return abortable((this.options.sleep ?? realSleep)(ms), this.cancellation.signal, "wait");
  }

  /** The route's region: its own input, else the configured default. */
  region(explicit: unknown): string {
    if (typeof explicit === "string" && explicit !== "") return explicit;
    const region = this.client.region;
    if (region) return region;
    throw new RouteRegionMissingError();
  }

  /** Where the route's region comes from, for messages: its own input, or the default's source. */
  regionSource(explicit: unknown): string {
    if (typeof explicit === "string" && explicit !== "") return "the route's region input";
    return `${this.client.regionSource ?? "the configuration"}; the route sets no region`;
  }

  /** The gateway a route is on. */
  gateway(route: { region: string; vpnGatewayId: string }): Gateway {
    return this.gateways.get(route.region, route.vpnGatewayId);
  }

  /** The lifecycle of one route kind, each operation in its own cancellation scope, on the route's gateway. */
  private routeProvider(api: RouteApi): RouteProvider {
    const stored = (id: string, props: Props) => routeRefOf(api.kind, id, props, this.region(props.region));
    const create = async (inputs: RouteInputs) => {
      const region = this.region(inputs.region);
      const gateway = this.gateway({ region, vpnGatewayId: inputs.vpnGatewayId });
      return createRoute(gateway, api, inputs, this.regionSource(inputs.region));
    };
    return {
      configure: async (req) => {
        this.watchEngineCancel();
        this.configure(readStackConfig(req.config));
      },
      check: async (_olds, news) => {
        const { inputs, failures } = checkRouteInputs(api.kind, news as unknown as Props);
        // A credential setting that cannot work fails the preview, before any write (no network call). Without a
        // property the engine prints "<type> resource '<name>' has a problem: <reason>", with no stack trace.
        const settings = this.credentialSettingsProblem();
        if (settings) failures.push({ property: "", reason: settings });
        if (failures.length === 0) this.declare(api, inputs as unknown as RouteInputs);
        return { inputs: inputs as unknown as RouteInputs, failures };
      },
      diff: async (_id, olds, news) =>
        diffRoute(api.kind, olds as unknown as Props, news as unknown as Props),
      create: (inputs) => this.cancellation.run(() => create(inputs)),
      read: (id, props) =>
        this.cancellation.run(async () => {
          const route = stored(id, (props ?? {}) as unknown as Props);
          return readRoute(this.gateway(route), api, route, (props ?? {}) as unknown as Props);
        }),
      update: (id, olds, news) =>
        this.cancellation.run(async () => {
          // A create cancelled after its write was sent left the route in the state without what only a listing
          // confirms (CreateInterruptedError): the engine updates it on the next `up`, which finishes that
          // create: the route is taken over if the gateway has it (the write went through), else created.
          if (olds.state === undefined) {
            const { outs } = await create({ ...news, adopt: true });
            return { outs: compact({ ...outs, adopt: news.adopt }) as RouteOutputs };
          }
          const route = stored(id, olds as unknown as Props);
          return updateRoute(
            this.gateway(route),
            api,
            route,
            olds as unknown as Props,
            news as unknown as Props,
          );
        }),
      delete: (id, props) =>
        this.cancellation.run(async () => {
          const route = stored(id, props as unknown as Props);
          return deleteRoute(this.gateway(route), api, route);
        }),
    };
  }

  /**
   * The table's lifecycle: the same gateways, locks, listings and per-route operations as the route kinds.
   * Each undeclared route an exclusive table deletes is told on stderr, which the engine shows under the stack.
   */
  private tableProvider(): TableProvider {
    const resolved = (t: RouteTableInputs, stored?: unknown) => ({
      ...t,
      region: this.region(t.region ?? stored),
    });
    const told = (id: string) =>
      (this.options.notice ?? toStderr)(
        `Deleted custom route ${id}: the exclusive route table does not declare it.`,
      );
    /** An exclusive table whose gateway holds custom routes it does not declare must be updated. */
    const undeclaredListed = async (news: RouteTableInputs, region: string): Promise<boolean> => {
      const gateway = this.gateway({ region, vpnGatewayId: news.vpnGatewayId });
      for (const [kind, field] of TABLE_ROUTE_FIELDS) {
        const listed = (await gateway.list(ROUTE_APIS[kind])) ?? [];
        const byKey = listedByKey(kind, news.vpnGatewayId, listed);
        if (undeclaredCustomRoutes(kind, news.vpnGatewayId, news[field] ?? {}, byKey).length > 0) return true;
      }
      return false;
    };
    return {
      configure: async (req) => {
        this.watchEngineCancel();
        this.configure(readStackConfig(req.config));
      },
      check: async (_olds, news) => {
        const { inputs, failures } = checkRouteTableInputs(news as unknown as Props);
        const settings = this.credentialSettingsProblem();
        if (settings) failures.push({ property: "", reason: settings });
        return { inputs: inputs as unknown as RouteTableInputs, failures };
      },
      diff: async (_id, olds, news) => {
        const result = diffTable(olds as unknown as Props, news as unknown as Props);
        // Routes made outside the program are found only by listing: an exclusive table asks (one shared listing).
        if (result.changes || news.exclusive !== true || news.vpnGatewayId === UNKNOWN) return result;
        const changes = await this.cancellation.run(() =>
          undeclaredListed(news, this.region(news.region ?? olds.region)),
        );
        return { ...result, changes };
      },
      create: (inputs) =>
        this.cancellation.run(async () => {
          const table = resolved(inputs);
          const outs = await convergeTable(this.gateway(table), ROUTE_APIS, table, undefined, {
            provider: (inputs as unknown as Props).__provider,
            regionSource: this.regionSource(inputs.region),
            onDeletedUndeclared: told,
          });
          return { id: tableIdOf(table), outs };
        }),
      read: (_id, props) =>
        this.cancellation.run(async () => {
          const stored = resolved(props as RouteTableOutputs) as RouteTableOutputs;
          return readTable(this.gateway(stored), ROUTE_APIS, stored);
        }),
      update: (_id, olds, news) =>
        this.cancellation.run(async () => {
          // A new build of this package alone, on a table that lists nothing it must delete: no API call.
          const same = changedRoutes(olds as unknown as Props, news as unknown as Props).length === 0;
          if (same && news.exclusive !== true)
            return { outs: compact({ ...olds, exclusive: news.exclusive }) };
          const table = resolved(news, olds.region);
          const outs = await convergeTable(this.gateway(table), ROUTE_APIS, table, olds, {
            provider: (news as unknown as Props).__provider,
            regionSource: this.regionSource(news.region),
            onDeletedUndeclared: told,
          });
          return { outs };
        }),
      delete: (_id, props) =>
        this.cancellation.run(async () => {
          const stored = resolved(props) as RouteTableOutputs;
          return deleteTable(this.gateway(stored), ROUTE_APIS, stored);
        }),
    };
  }

  /**
   * Tells the route's gateway how the program declares the route (check runs for every registration, before
   * any update), so that another route's promotion can configure it again as declared (weightChange.ts).
   */
  private declare(api: RouteApi, inputs: RouteInputs): void {
    if (inputs.vpnGatewayId === UNKNOWN) return; // a preview's unknown value: nothing to record
    let region: string;
    try {
      region = this.region(inputs.region);
    } catch {
      return; // no region yet: the route's own step reports that
    }
    this.gateway({ region, vpnGatewayId: inputs.vpnGatewayId }).declared.record(api.kind, {
      ...inputs,
      region,
    });
  }

  /** The message of a ConfigurationError in the credential settings, if any. */
  private credentialSettingsProblem(): string | undefined {
    try {
      this.client.checkCredentialConfiguration();
      return undefined;
    } catch (err) {
      if (err instanceof ConfigurationError) return err.message;
      throw err;
    }
  }

  /** Ends the operations in flight when the engine sends Cancel (once per process; see engineCancel.ts). */
  private watchEngineCancel(): void {
    if (this.watchingEngineCancel) return;
    this.watchingEngineCancel = listenForEngineCancel(() => this.cancellation.cancel());
  }

  private dropClient(): void {
    this.cachedClient?.destroy();
    this.cachedClient = undefined;
  }
}

const registry = globalThis as { [key: symbol]: Runtime | undefined };
// Whichever copy of this module loads first serves the process (the package may be reachable by two paths).
/** The runtime of this process, shared by every copy of this module the process loads. */
export const runtime: Runtime = (registry[Symbol.for(RUNTIME_KEY)] ??= new Runtime());
