/**
 * A stand-in for a VPN gateway created in the same stack (`alicloud.vpn.Gateway` in a real program): a dynamic
 * resource whose id, like a new gateway's, is known only once it has been created. It creates nothing itself:
 * it reports the id of a gateway that already exists (the emulator has no API that creates gateways).
 */
import * as pulumi from "@pulumi/pulumi";

interface StandInInputs {
  /** The existing gateway this stand-in reports as its id. */
  existingGatewayId: string;
}

const standInGatewayProvider: pulumi.dynamic.ResourceProvider<StandInInputs> = {
  async create(inputs) {
    return { id: inputs.existingGatewayId, outs: { existingGatewayId: inputs.existingGatewayId } };
  },
  async diff(_id, olds, news) {
    const replaces = olds.existingGatewayId === news.existingGatewayId ? [] : ["existingGatewayId"];
    return { changes: replaces.length > 0, replaces };
  },
  // The gateway outlives the stand-in: nothing to delete.
  async delete() {},
};

export class StandInVpnGateway extends pulumi.dynamic.Resource {
  constructor(
    name: string,
    args: { existingGatewayId: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(standInGatewayProvider, name, args, opts, "examples", "StandInVpnGateway");
  }
}
