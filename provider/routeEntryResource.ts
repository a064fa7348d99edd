import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "./constants";
import { hideOwnFrames } from "./ownFrames";
import type { VpnRouteProvider } from "./resourceProviders";

/** What both route resources share: their common inputs read back as outputs, and what the API reports. */
export abstract class RouteEntryResource extends pulumi.dynamic.Resource {
  declare readonly vpnGatewayId: pulumi.Output<string>;
  declare readonly routeDest: pulumi.Output<string>;
  declare readonly nextHop: pulumi.Output<string>;
  declare readonly weight: pulumi.Output<number>;
  declare readonly publishVpc: pulumi.Output<boolean>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly overlayMode: pulumi.Output<string | undefined>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The region the route lives in: the input, or the configured default. */
  declare readonly region: pulumi.Output<string>;
  /** `published` or `normal`, as the API reports it. */
  declare readonly state: pulumi.Output<string>;
  /** Milliseconds since the epoch, as the API reports it. */
  declare readonly createTime: pulumi.Output<number>;
  /** `custom` or `bgp`, as the API reports it. */
  declare readonly routeEntryType: pulumi.Output<string | undefined>;

  protected constructor(
    provider: VpnRouteProvider,
    type: string,
    name: string,
    args: object,
    opts?: pulumi.CustomResourceOptions,
  ) {
    const restoreFrames = hideOwnFrames();
    try {
      super(
        provider,
        name,
        {
          description: undefined,
          overlayMode: undefined,
          region: undefined,
          adopt: undefined,
          ...args,
          // Output-only properties: present (undefined) so the engine fills them in.
          state: undefined,
          createTime: undefined,
          routeEntryType: undefined,
        },
        opts,
        RESOURCE_MODULE,
        type,
      );
    } finally {
      restoreFrames();
    }
  }
}
