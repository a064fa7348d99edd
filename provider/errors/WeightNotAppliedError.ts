/**
 * A weight write was answered with success but the listing still shows another weight once the gateway had
 * applied it: what Alibaba documents for Modify*Weight on a dual-tunnel gateway. Never taken as success.
 */
export class WeightNotAppliedError extends Error {
  override readonly name = "WeightNotAppliedError" as const;

  constructor(
    readonly action: string,
    readonly routeId: string,
    readonly requested: number,
    readonly listed: number | undefined,
  ) {
    super(
      `${action} answered success for route ${routeId}, but the gateway still lists ` +
        `${listed === undefined ? "no such route" : `weight ${listed}`} instead of ${requested} after applying it. ` +
        `A gateway in dual-tunnel mode ignores weight changes (Alibaba's reference for ModifyVpnRouteEntryWeight); ` +
        `this package replaces routes there instead when DescribeVpnGateway reports a DisasterRecoveryVSwitchId. ` +
        `Check the gateway with DescribeVpnGateway, then run \`pulumi up\` again: it starts from what the gateway lists.`,
    );
  }
}
