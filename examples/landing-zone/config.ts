/**
 * Reads the landing zone's stack config and says exactly which key is missing, so a new environment's first
 * `pulumi preview` lists every gap at once instead of failing on the first `undefined`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { LandingZoneConnections, LandingZoneGateways } from "./topology";

const GATEWAY_ROLES: (keyof LandingZoneGateways)[] = ["hubHangzhou", "hubShanghai", "branch"];
const CONNECTION_ROLES: (keyof LandingZoneConnections)[] = [
  "hzToShPrimary",
  "hzToShStandby",
  "shToHzPrimary",
  "shToHzStandby",
  "hzToBranch",
  "shToBranch",
  "branchToHz",
  "branchToSh",
  "onPremises",
];

export interface LandingZoneConfig {
  gateways: LandingZoneGateways;
  connections: LandingZoneConnections;
  /**
   * Take over routes that already exist on the gateways instead of failing with "already exists" (after an
   * interrupted `pulumi up`, or when moving hand-made routes under Pulumi). @default false
   */
  adoptExistingRoutes: boolean;
  /**
   * Gateways that live in a member account of the Resource Directory, reached by assuming a role there
   * from the network account's credentials. @default none (every gateway in the stack's account)
   */
  memberAccount?: MemberAccountConfig;
}

export interface MemberAccountConfig {
  /** As @pulumi/alicloud's Provider takes it: { roleArn, externalId?, sessionName?, sessionExpiration? }. */
  assumeRole: { roleArn: string; externalId?: string; sessionName?: string; sessionExpiration?: number };
  /** Gateway roles (keys of `gateways`) in that account. */
  gateways: (keyof LandingZoneGateways)[];
}

const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v !== "";

export function readLandingZoneConfig(config: pulumi.Config): LandingZoneConfig {
  const gateways =
    config.requireObject<Record<string, Partial<LandingZoneGateways[keyof LandingZoneGateways]>>>("gateways");
  const connections = config.requireObject<Record<string, unknown>>("connections");
  const problems: string[] = [];
  for (const role of GATEWAY_ROLES) {
    const gw = gateways[role];
    if (!isNonEmptyString(gw?.vpnGatewayId)) problems.push(`gateways.${role}.vpnGatewayId`);
    if (!isNonEmptyString(gw?.region)) problems.push(`gateways.${role}.region`);
  }
  for (const role of CONNECTION_ROLES) {
    if (!isNonEmptyString(connections[role])) problems.push(`connections.${role}`);
  }
  const memberAccount = config.getObject<Partial<MemberAccountConfig>>("memberAccount");
  if (memberAccount) {
    if (!isNonEmptyString(memberAccount.assumeRole?.roleArn))
      problems.push("memberAccount.assumeRole.roleArn");
    const roles = memberAccount.gateways;
    if (!Array.isArray(roles) || roles.some((r) => !GATEWAY_ROLES.includes(r))) {
      problems.push(`memberAccount.gateways (a list of ${GATEWAY_ROLES.join(", ")})`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `The landing zone's stack config lacks ${problems.join(", ")}. Set each with ` +
        `\`pulumi config set --path <key> <value>\` (see Pulumi.demo.yaml for the shape).`,
    );
  }
  return {
    gateways: gateways as unknown as LandingZoneGateways,
    connections: connections as unknown as LandingZoneConnections,
    adoptExistingRoutes: config.getBoolean("adoptExistingRoutes") ?? false,
    memberAccount: memberAccount as MemberAccountConfig | undefined,
  };
}
