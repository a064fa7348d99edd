/**
 * The accounts the identity tests share: a network account whose key signs in, and a member account that owns
 * a gateway and the roles reached from there (trusted by the network account with an ExternalId, untrusted,
 * trusted by a GitHub-style OIDC provider, an ECS instance's role).
 */
import type { EmulatorOidcProvider, EmulatorRole } from "../../emulator";
import type { TestOidcIssuer } from "./oidcTokens";

export const NETWORK = "1000000000000001";
export const MEMBER = "2000000000000002";
export const MEMBER_GW = "vpn-member00000000000001";
export const NETWORK_KEY = {
  accessKeyId: "LTAInetwork00000000000",
  accessKeySecret: "network-secret-XYZ",
  accountId: NETWORK,
};
export const EXTERNAL_ID = "lz-42";
export const ROLE_ARN = `acs:ram::${MEMBER}:role/networkadmin`;
export const UNTRUSTED_ROLE_ARN = `acs:ram::${MEMBER}:role/private`;
export const CI_ROLE_ARN = `acs:ram::${MEMBER}:role/ci`;
export const ECS_ROLE_ARN = `acs:ram::${MEMBER}:role/runner`;
export const OIDC_PROVIDER_ARN = `acs:ram::${MEMBER}:oidc-provider/github`;

export function memberRoles(): EmulatorRole[] {
  return [
    { accountId: MEMBER, roleName: "NetworkAdmin", trustedAccounts: [NETWORK], externalId: EXTERNAL_ID },
    { accountId: MEMBER, roleName: "Private" },
    {
      accountId: MEMBER,
      roleName: "Ci",
      trustedOidcProviders: [OIDC_PROVIDER_ARN],
      maxSessionDuration: 7200,
    },
    { accountId: MEMBER, roleName: "Runner" },
  ];
}

export function githubProvider(issuer: TestOidcIssuer): EmulatorOidcProvider {
  return {
    accountId: MEMBER,
    name: "github",
    issuerUrl: issuer.issuerUrl,
    clientIds: [issuer.clientId],
    publicKeyPem: issuer.publicKeyPem,
  };
}
