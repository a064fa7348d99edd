/**
 * The provider plugin's `Provider` (`@pulumi/pulumi/provider`): the two route kinds as custom resources and the
 * component through `construct`, each method the runtime's lifecycle of the route kind (the one the dynamic
 * resources call: provider/runtime/index.ts), run with the resource's URN for the notices of long waits.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import type { Runtime, RouteProvider } from "../provider/runtime";
import type { RouteInputs, RouteOutputs } from "../provider/types";
import { runtimeConfigOf } from "./config";
import { construct } from "./construct";
import { detailedRouteDiff, type PropertyDiffKind } from "./detailedDiff";
import { noticeToEngine, withUrn } from "./engineLog";
import { routeKindOf, routeKindOfUrn } from "./tokens";

export class AlicloudVpnProvider implements provider.Provider {
  constructor(
    private readonly runtime: Runtime,
    /** The package's version (package.json). */
    readonly version: string,
    /** schema.json's text, served by GetSchema. */
    readonly schema: string,
  ) {}

  /** Configure's variables (see serverHooks.ts): the stack's `alicloud-vpn:*` config or an explicit provider's inputs. */
  async configure(variables: Map<string, string>): Promise<void> {
    const { config, unknownNames } = runtimeConfigOf(variables);
    if (unknownNames.length > 0) {
      noticeToEngine(
        `alicloud-vpn: unknown provider configuration ${unknownNames.map((n) => `"${n}"`).join(", ")} ` +
          `ignored; the provider takes the names of schema.json's config (region, accessKey, assumeRole...).`,
      );
    }
    this.runtime.configure(config);
  }

  /** The per-property diff the engine shows; none for the component. */
  detailedDiff(urn: string, olds: unknown, news: unknown): Record<string, PropertyDiffKind> | undefined {
    const kind = routeKindOf(urn);
    return kind && detailedRouteDiff(kind, olds as Record<string, unknown>, news as Record<string, unknown>);
  }

  async check(urn: string, olds: unknown, news: unknown): Promise<provider.CheckResult> {
    return withUrn(urn, () => this.routes(urn).check(olds as RouteInputs, news as RouteInputs));
  }

  async diff(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.DiffResult> {
    return withUrn(urn, () => this.routes(urn).diff(id, olds as RouteOutputs, news as RouteInputs));
  }

  async create(urn: string, inputs: unknown): Promise<provider.CreateResult> {
    return withUrn(urn, () => this.routes(urn).create(inputs as RouteInputs));
  }

  /** Also `pulumi import`: with only the ID (`gw:nextHop:routeDest`), the route is found by its identity. */
  async read(id: string, urn: string, props?: unknown): Promise<provider.ReadResult> {
    const result = await withUrn(urn, () => this.routes(urn).read(id, (props ?? {}) as RouteOutputs));
    // Gone: an empty ID (and no properties) tells the engine so.
    return result.id ? result : { id: "", props: {} };
  }

  async update(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.UpdateResult> {
    return withUrn(urn, () => this.routes(urn).update(id, olds as RouteOutputs, news as RouteInputs));
  }

  async delete(id: string, urn: string, props: unknown): Promise<void> {
    return withUrn(urn, () => this.routes(urn).delete(id, props as RouteOutputs));
  }

  construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    return construct(name, type, inputs, options);
  }

  /** The engine's Cancel (Ctrl-C, SIGTERM): every operation in flight ends, its waits and requests too. */
  async cancel(): Promise<void> {
    this.runtime.cancellation.cancel();
  }

  private routes(urn: string): RouteProvider {
    return routeKindOfUrn(urn) === "pbr" ? this.runtime.vpnPbrRouteEntry : this.runtime.vpnRouteEntry;
  }
}
