/**
 * The provider plugin's `Provider` (`@pulumi/pulumi/provider`): the two route kinds and the route table as custom
 * resources and the component through `construct`, each method the runtime's lifecycle of the resource's type
 * (the one the dynamic resources call: provider/runtime/index.ts), run with the resource's URN for the notices of
 * long waits.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import type * as pulumiDynamic from "@pulumi/pulumi/dynamic";
import type { Runtime } from "../provider/runtime";
import { runtimeConfigOf, unknownConfigMessage } from "./config";
import { construct } from "./construct";
import { detailedRouteDiff, detailedTableDiff, type PropertyDiffKind } from "./detailedDiff";
import { withUrn } from "./engineLog";
import { tableInputsFromSpecs } from "./routeTable";
import { isRouteTable, nameOfUrn, routeKindOf, routeKindOfUrn } from "./tokens";

type Props = Record<string, unknown>;
/** A route kind's or the table's lifecycle, on plain properties. */
type Lifecycle = Required<pulumiDynamic.ResourceProvider<Props, Props>>;

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
    // A typo in a stack's config would otherwise be ignored, and the route made with a default instead.
    if (unknownNames.length > 0) throw new Error(unknownConfigMessage(unknownNames));
    this.runtime.configure(config);
  }

  /**
   * The per-property diff the engine shows; a table's is keyed by route, so a preview lists only the routes
   * that change (the dynamic table cannot return one). None for the component.
   */
  detailedDiff(urn: string, olds: unknown, news: unknown): Record<string, PropertyDiffKind> | undefined {
    if (isRouteTable(urn)) return detailedTableDiff(olds as Props, news as Props);
    const kind = routeKindOf(urn);
    return kind && detailedRouteDiff(kind, olds as Props, news as Props);
  }

  /** A table's route specs become its routes by key first (routeTable.ts); its lifecycle checks the rest. */
  async check(urn: string, olds: unknown, news: unknown): Promise<provider.CheckResult> {
    if (!isRouteTable(urn))
      return withUrn(urn, () => this.lifecycle(urn).check(olds as Props, news as Props));
    const specs = tableInputsFromSpecs(nameOfUrn(urn), news as Props);
    const checked = await withUrn(urn, () => this.lifecycle(urn).check(olds as Props, specs.inputs));
    return { inputs: checked.inputs, failures: [...specs.failures, ...(checked.failures ?? [])] };
  }

  async diff(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.DiffResult> {
    return withUrn(urn, () => this.lifecycle(urn).diff(id, olds as Props, news as Props));
  }

  async create(urn: string, inputs: unknown): Promise<provider.CreateResult> {
    return withUrn(urn, () => this.lifecycle(urn).create(inputs as Props));
  }

  /** Also `pulumi import`: with only the ID (`gw:nextHop:routeDest`), the route is found by its identity. */
  async read(id: string, urn: string, props?: unknown): Promise<provider.ReadResult> {
    const result = await withUrn(urn, () => this.lifecycle(urn).read(id, (props ?? {}) as Props));
    // Gone: an empty ID (and no properties) tells the engine so.
    return result.id ? result : { id: "", props: {} };
  }

  async update(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.UpdateResult> {
    return withUrn(urn, () => this.lifecycle(urn).update(id, olds as Props, news as Props));
  }

  async delete(id: string, urn: string, props: unknown): Promise<void> {
    return withUrn(urn, () => this.lifecycle(urn).delete(id, props as Props));
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

  private lifecycle(urn: string): Lifecycle {
    const { vpnGatewayRouteTable, vpnPbrRouteEntry, vpnRouteEntry } = this.runtime;
    if (isRouteTable(urn)) return vpnGatewayRouteTable as unknown as Lifecycle;
    return (routeKindOfUrn(urn) === "pbr" ? vpnPbrRouteEntry : vpnRouteEntry) as unknown as Lifecycle;
  }
}
