/**
 * Bad inputs and the failure a user sees for each: asserted by badInputs.test.ts and written to
 * docs/bad-inputs.md by writeBadInputsDoc.ts. The engine prints each as
 * `<type> resource '<name>'s property '<property>' value <value> has a problem: <reason>`.
 */
import type { RouteKind } from "../../provider/types";

export interface BadInput {
  /** What the user got wrong. */
  mistake: string;
  kind: RouteKind;
  /** Changes to a valid route's inputs; `undefined` removes the property. */
  change: Record<string, unknown>;
  property: string;
  reason: string;
}

export const VALID_DBR = {
  vpnGatewayId: "vpn-bp1a3kqjiiq9legfx0001",
  routeDest: "10.0.0.0/24",
  nextHop: "vco-bp15oes1py4i66rmd0001",
  weight: 100,
  publishVpc: true,
};
export const VALID_PBR = { ...VALID_DBR, routeSource: "192.168.0.0/24" };

const ID_HINT = `which starts with "vpn-" followed by lower-case letters and digits, e.g. "vpn-bp1a3kqjiiq9legfx0001".`;
const VCO_HINT = `the next hop is the ID of an IPsec connection of this gateway, which starts with "vco-", e.g. "vco-bp15oes1py4i66rmd0001".`;
const BAD_ADDRESS = `is not a valid IPv4 or IPv6 address (IPv4 is four decimal numbers 0-255 without leading zeros): write a CIDR block such as "10.0.0.0/24".`;
const RESERVED = `overlaps 100.64.0.0/10, which Alibaba Cloud reserves for its own services: choose a destination outside 100.64.0.0-100.127.255.255.`;
const REGION = `is not a region ID: use the lower-case ID such as "cn-hangzhou" or "ap-southeast-1" (not the region's display name), or leave it out to use alicloud:region.`;
const PRIORITY = `must be a whole number from 1 to 100 (a smaller number wins)`;

export const BAD_INPUTS: BadInput[] = [
  {
    mistake: "host bits set in the destination",
    kind: "dbr",
    change: { routeDest: "10.0.0.1/24" },
    property: "routeDest",
    reason: `routeDest: "10.0.0.1/24" has host bits set: use the network address "10.0.0.0/24" (or "10.0.0.1/32" for the single host).`,
  },
  {
    mistake: "an address without a prefix length",
    kind: "dbr",
    change: { routeDest: "10.0.0.7" },
    property: "routeDest",
    reason: `routeDest: "10.0.0.7" is an address, not a CIDR block: add a prefix length, e.g. "10.0.0.7/32" for this one host.`,
  },
  {
    mistake: "IPv4 prefix longer than 32",
    kind: "dbr",
    change: { routeDest: "10.0.0.0/33" },
    property: "routeDest",
    reason: `routeDest: "/33" is not a valid prefix length for an IPv4 block: use a whole number from 0 to 32.`,
  },
  {
    mistake: "an octet above 255",
    kind: "dbr",
    change: { routeDest: "10.0.0.256/24" },
    property: "routeDest",
    reason: `routeDest: "10.0.0.256" ${BAD_ADDRESS}`,
  },
  {
    mistake: "three-part IPv4 address",
    kind: "dbr",
    change: { routeDest: "10.0.0/24" },
    property: "routeDest",
    reason: `routeDest: "10.0.0" ${BAD_ADDRESS}`,
  },
  {
    mistake: "leading zero in an octet",
    kind: "dbr",
    change: { routeDest: "010.0.0.0/24" },
    property: "routeDest",
    reason: `routeDest: "010.0.0.0" ${BAD_ADDRESS}`,
  },
  {
    mistake: "the IPv4 default route",
    kind: "dbr",
    change: { routeDest: "0.0.0.0/0" },
    property: "routeDest",
    reason: `routeDest: the API does not accept the default route "0.0.0.0/0" as a destination: list the destination CIDR blocks the tunnel should carry instead.`,
  },
  {
    mistake: "the IPv6 default route",
    kind: "dbr",
    change: { routeDest: "::/0" },
    property: "routeDest",
    reason: `routeDest: the API does not accept the default route "::/0" as a destination: list the destination CIDR blocks the tunnel should carry instead.`,
  },
  {
    mistake: "the reserved 100.64.0.0/10 itself",
    kind: "dbr",
    change: { routeDest: "100.64.0.0/10" },
    property: "routeDest",
    reason: `routeDest: "100.64.0.0/10" ${RESERVED}`,
  },
  {
    mistake: "a subnet of 100.64.0.0/10",
    kind: "dbr",
    change: { routeDest: "100.100.0.0/16" },
    property: "routeDest",
    reason: `routeDest: "100.100.0.0/16" ${RESERVED}`,
  },
  {
    mistake: "a supernet of 100.64.0.0/10",
    kind: "dbr",
    change: { routeDest: "100.0.0.0/8" },
    property: "routeDest",
    reason: `routeDest: "100.0.0.0/8" ${RESERVED}`,
  },
  {
    mistake: "host bits set in an IPv6 destination",
    kind: "dbr",
    change: { routeDest: "2001:db8::1/64" },
    property: "routeDest",
    reason: `routeDest: "2001:db8::1/64" has host bits set: use the network address "2001:db8::/64" (or "2001:db8::1/128" for the single host).`,
  },
  {
    mistake: "a number instead of a CIDR string",
    kind: "dbr",
    change: { routeDest: 10 },
    property: "routeDest",
    reason: `routeDest: must be a string such as "10.0.0.0/24"; got the number 10.`,
  },
  {
    mistake: "a trailing space",
    kind: "dbr",
    change: { routeDest: "10.0.0.0/24 " },
    property: "routeDest",
    reason: `routeDest: "10.0.0.0/24 " has spaces or line breaks at the start or end: remove them.`,
  },
  {
    mistake: "weight other than 0 or 100",
    kind: "dbr",
    change: { weight: 50 },
    property: "weight",
    reason: `weight: must be 0 (standby) or 100 (active); got 50.`,
  },
  {
    mistake: "weight as a string",
    kind: "dbr",
    change: { weight: "100" },
    property: "weight",
    reason: `weight: must be the number 0 (standby) or 100 (active); got the string "100".`,
  },
  {
    mistake: "weight left out",
    kind: "dbr",
    change: { weight: undefined },
    property: "weight",
    reason: `weight is required: set it to 100 (active) or 0 (standby).`,
  },
  {
    mistake: "weight null",
    kind: "dbr",
    change: { weight: null },
    property: "weight",
    reason: `weight is required: set it to 100 (active) or 0 (standby).`,
  },
  {
    mistake: "publishVpc as a string",
    kind: "dbr",
    change: { publishVpc: "true" },
    property: "publishVpc",
    reason: `publishVpc: must be true or false (whether to advertise the route to the VPC's route table); got the string "true".`,
  },
  {
    mistake: "the gateway's name instead of its ID",
    kind: "dbr",
    change: { vpnGatewayId: "my-gateway" },
    property: "vpnGatewayId",
    reason: `vpnGatewayId: "my-gateway" is not a VPN gateway ID: use the gateway's ID (not its name), ${ID_HINT}`,
  },
  {
    mistake: "vpnGatewayId left out",
    kind: "dbr",
    change: { vpnGatewayId: undefined },
    property: "vpnGatewayId",
    reason: `vpnGatewayId is required: set it to the ID of the VPN gateway, e.g. "vpn-bp1a3kqjiiq9legfx0001".`,
  },
  {
    mistake: "a leading space in the gateway ID",
    kind: "dbr",
    change: { vpnGatewayId: " vpn-abc" },
    property: "vpnGatewayId",
    reason: `vpnGatewayId: " vpn-abc" has spaces or line breaks at the start or end: remove them.`,
  },
  {
    mistake: "the gateway ID as next hop",
    kind: "dbr",
    change: { nextHop: "vpn-bp1a3kqjiiq9legfx0001" },
    property: "nextHop",
    reason: `nextHop: "vpn-bp1a3kqjiiq9legfx0001" is not an IPsec connection ID: ${VCO_HINT}`,
  },
  {
    mistake: "an upper-case connection ID",
    kind: "dbr",
    change: { nextHop: "VCO-ABC" },
    property: "nextHop",
    reason: `nextHop: "VCO-ABC" is not an IPsec connection ID: ${VCO_HINT}`,
  },
  {
    mistake: "an empty description",
    kind: "dbr",
    change: { description: "" },
    property: "description",
    reason: `description: must be 1 to 100 characters long; got 0. Leave it out for no description.`,
  },
  {
    mistake: "a description of 101 characters",
    kind: "dbr",
    change: { description: "x".repeat(101) },
    property: "description",
    reason: `description: must be 1 to 100 characters long; got 101. Shorten it.`,
  },
  {
    mistake: "a description that starts with a link",
    kind: "dbr",
    change: { description: "https://wiki.example.com/vpn" },
    property: "description",
    reason: `description: must not start with "https://" (the API refuses it): put a word before the link.`,
  },
  {
    mistake: "overlay mode in the wrong case",
    kind: "dbr",
    change: { overlayMode: "ipsec" },
    property: "overlayMode",
    reason: `overlayMode: write it as "Ipsec" (the API compares it exactly).`,
  },
  {
    mistake: "an overlay mode that does not exist",
    kind: "dbr",
    change: { overlayMode: "gre" },
    property: "overlayMode",
    reason: `overlayMode: "gre" is not an overlay mode: the only one is "Ipsec"; leave it out for the default.`,
  },
  {
    mistake: "a region's display name",
    kind: "dbr",
    change: { region: "Hangzhou" },
    property: "region",
    reason: `region: "Hangzhou" ${REGION}`,
  },
  {
    mistake: "underscore in a region ID",
    kind: "dbr",
    change: { region: "cn_hangzhou" },
    property: "region",
    reason: `region: "cn_hangzhou" ${REGION}`,
  },
  {
    mistake: "a misspelt property",
    kind: "dbr",
    change: { routeDestination: "10.1.0.0/24" },
    property: "routeDestination",
    reason: `VpnRouteEntry has no property "routeDestination". Did you mean "routeDest"? Its properties are: vpnGatewayId, routeDest, nextHop, weight, publishVpc, description, overlayMode, region, adopt.`,
  },
  {
    mistake: "a policy-route property on a destination route",
    kind: "dbr",
    change: { routeSource: "192.168.0.0/24" },
    property: "routeSource",
    reason: `routeSource belongs to policy-based routes: use VpnPbrRouteEntry for a route chosen by source and destination, or remove routeSource.`,
  },
  {
    mistake: "adopt as a string",
    kind: "dbr",
    change: { adopt: "yes" },
    property: "adopt",
    reason: `adopt: must be true or false (whether to take over an identical route that already exists); got the string "yes".`,
  },
  {
    mistake: "priority 0",
    kind: "pbr",
    change: { priority: 0 },
    property: "priority",
    reason: `priority: ${PRIORITY}; got 0. Leave it out for the default, 10.`,
  },
  {
    mistake: "priority above 100",
    kind: "pbr",
    change: { priority: 101 },
    property: "priority",
    reason: `priority: ${PRIORITY}; got 101. Leave it out for the default, 10.`,
  },
  {
    mistake: "a fractional priority",
    kind: "pbr",
    change: { priority: 5.5 },
    property: "priority",
    reason: `priority: ${PRIORITY}; got 5.5. Leave it out for the default, 10.`,
  },
  {
    mistake: "host bits set in the source",
    kind: "pbr",
    change: { routeSource: "192.168.0.1/24" },
    property: "routeSource",
    reason: `routeSource: "192.168.0.1/24" has host bits set: use the network address "192.168.0.0/24" (or "192.168.0.1/32" for the single host).`,
  },
  {
    mistake: "routeSource left out of a policy route",
    kind: "pbr",
    change: { routeSource: undefined },
    property: "routeSource",
    reason: `routeSource is required: set it to the source CIDR block, e.g. "192.168.0.0/24".`,
  },
  {
    mistake: "a misspelt priority",
    kind: "pbr",
    change: { priorty: 5 },
    property: "priorty",
    reason: `VpnPbrRouteEntry has no property "priorty". Did you mean "priority"? Its properties are: vpnGatewayId, routeDest, nextHop, weight, publishVpc, description, overlayMode, region, adopt, routeSource, priority.`,
  },
];

/** The valid route with one mistake applied. */
export function badInputsOf(entry: BadInput): Record<string, unknown> {
  const inputs: Record<string, unknown> = {
    ...(entry.kind === "pbr" ? VALID_PBR : VALID_DBR),
    ...entry.change,
  };
  for (const [k, v] of Object.entries(entry.change)) if (v === undefined) delete inputs[k];
  return inputs;
}

/** A credential setting (stack config, or an explicit Provider's input of the same name) that cannot work. */
export interface BadProviderSetting {
  mistake: string;
  /** Stack config as configure() sees it (JSON text for objects). */
  config: Record<string, string>;
  /** The key at fault. */
  property: string;
  /** The whole message `pulumi preview` fails with. */
  reason: string;
}

const ROLE_EXAMPLE = "acs:ram::1234567890123456:role/ResourceDirectoryAccountAccessRole";

export const BAD_PROVIDER_SETTINGS: BadProviderSetting[] = [
  {
    mistake: "an AWS-style role ARN",
    config: { "alicloud:assumeRole": JSON.stringify({ roleArn: "arn:aws:iam::123456789012:role/x" }) },
    property: "alicloud:assumeRole",
    reason: `Invalid configuration in Pulumi config alicloud:assumeRole: roleArn "arn:aws:iam::123456789012:role/x" is not a RAM role ARN; expected acs:ram::<accountId>:role/<roleName>, e.g. ${ROLE_EXAMPLE}.`,
  },
  {
    mistake: "sessionExpiration below 900 seconds",
    config: {
      "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE_EXAMPLE, sessionExpiration: 60 }),
    },
    property: "alicloud:assumeRole",
    reason: `Invalid configuration in Pulumi config alicloud:assumeRole: sessionExpiration must be a whole number of seconds from 900 to 43200 (the role's MaxSessionDuration bounds it further); got 60.`,
  },
  {
    mistake: "an OIDC token file that does not exist",
    config: {
      "alicloud:assumeRoleWithOidc": JSON.stringify({
        oidcProviderArn: "acs:ram::1234567890123456:oidc-provider/github",
        roleArn: ROLE_EXAMPLE,
        oidcTokenFile: "/var/run/oidc/missing",
      }),
    },
    property: "alicloud:assumeRoleWithOidc",
    reason: `Invalid configuration in Pulumi config alicloud:assumeRoleWithOidc: oidcTokenFile /var/run/oidc/missing does not exist; point it at the file your CI writes the OIDC token to (e.g. GitHub Actions: request the token and write it to a file), or set oidcToken.`,
  },
];
