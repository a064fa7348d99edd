/**
 * The emulator's identity side through the official RPC client (@alicloud/pop-core) over https with a
 * certificate made for the test: AssumeRole and AssumeRoleWithOIDC with the real codes, sessions the VPC
 * API accepts until they expire, gateways that refuse another account's keys.
 */
import { Agent } from "node:https";
import { popCore, failure, type Keys } from "./helpers/drivers";
import { fixture, GW, onGw, REGION, type Fixture } from "./helpers/fixture";
import { testTls } from "../support/testTls";
import { testOidcIssuer } from "../support/oidcTokens";
import {
  githubProvider,
  MEMBER,
  MEMBER_GW,
  memberRoles,
  NETWORK,
  NETWORK_KEY,
  OIDC_PROVIDER_ARN,
} from "../support/landingZoneAccounts";

const RPCClient = require("@alicloud/pop-core");

const MEMBER_KEY = {
  accessKeyId: "LTAImember000000000000",
  accessKeySecret: "member-secret",
  accountId: MEMBER,
};
const issuer = testOidcIssuer();
const OIDC_PROVIDER = OIDC_PROVIDER_ARN;

const SESSION_MS = 120_000;
let f: Fixture;
let agent: Agent;

beforeEach(async () => {
  const tls = await testTls();
  agent = new Agent({ ca: tls.cert });
  f = await fixture({
    credentials: [NETWORK_KEY, MEMBER_KEY],
    gateways: [
      { vpnGatewayId: GW, regionId: REGION, accountId: NETWORK },
      { vpnGatewayId: MEMBER_GW, regionId: REGION, accountId: MEMBER },
    ],
    roles: memberRoles(),
    oidcProviders: [githubProvider(issuer)],
    // Sessions live 2 minutes whatever DurationSeconds says, so expiry is reached within the signing skew.
    sts: { tls: { key: tls.key, cert: tls.cert }, sessionLifetimeMs: SESSION_MS },
  });
});
afterEach(async () => {
  agent.destroy();
  await f.emulator.stop();
});

function sts(keys: Keys = f.emulator.credentials) {
  const client = new RPCClient({
    ...keys,
    endpoint: `https://${f.emulator.stsEndpoint}`,
    apiVersion: "2015-04-01",
  });
  return (action: string, params: Record<string, unknown>) =>
    client
      .request(action, params, { method: "POST", timeout: 5000, agent })
      .catch((e: { data?: { Code: string; Message: string } }) => {
        if (!e.data) throw e;
        throw { code: e.data.Code, message: e.data.Message };
      });
}

const roleArn = (name: string, account = MEMBER) => `acs:ram::${account}:role/${name.toLowerCase()}`;

test("AssumeRole across accounts with the ExternalId the trust policy requires; the session writes to the role's account only", async () => {
  const answer = await sts()("AssumeRole", {
    RoleArn: roleArn("NetworkAdmin"),
    RoleSessionName: "pulumi",
    ExternalId: "lz-42",
    DurationSeconds: 900,
  });
  const c = answer.Credentials;
  expect(c.AccessKeyId).toMatch(/^STS\./);
  expect(Date.parse(c.Expiration)).toBe(Math.floor((f.clock.now() + SESSION_MS) / 1000) * 1000);
  expect(answer.AssumedRoleUser.Arn).toBe(`acs:ram::${MEMBER}:assumed-role/networkadmin/pulumi`);
  const session = {
    accessKeyId: c.AccessKeyId,
    accessKeySecret: c.AccessKeySecret,
    securityToken: c.SecurityToken,
  };

  const vpc = popCore(f.emulator, "POST", session);
  await vpc.call("DescribeVpnGateway", onGw({}, MEMBER_GW));
  expect((await failure(vpc.call("DescribeVpnGateway", onGw()))).code).toBe("Forbidden");
  // The member's own long-lived key cannot reach the network account's gateway either.
  expect(
    (await failure(popCore(f.emulator, "POST", MEMBER_KEY).call("DescribeVpnGateway", onGw()))).code,
  ).toBe("Forbidden");

  f.clock.advance(SESSION_MS);
  const expired = await failure(vpc.call("DescribeVpnGateway", onGw({}, MEMBER_GW)));
  expect(expired.code).toBe("InvalidSecurityToken.Expired");
  const log = f.emulator.requestLog();
  expect(log.find((e) => e.action === "AssumeRole")?.accountId).toBe(NETWORK);
  expect(JSON.stringify(log)).not.toContain(c.SecurityToken);
});

test.each([
  ["a malformed RoleArn", { RoleArn: "arn:aws:iam::1:role/x" }, "InvalidParameter.RoleArn"],
  ["a role that does not exist", { RoleArn: roleArn("Nope") }, "EntityNotExist.Role"],
  ["a role that does not trust the caller's account", { RoleArn: roleArn("Private") }, "NoPermission"],
  ["a missing ExternalId", { RoleArn: roleArn("NetworkAdmin") }, "NoPermission"],
  ["a wrong ExternalId", { RoleArn: roleArn("NetworkAdmin"), ExternalId: "x" }, "NoPermission"],
  [
    "DurationSeconds below 900",
    { RoleArn: roleArn("NetworkAdmin"), ExternalId: "lz-42", DurationSeconds: 899 },
    "InvalidParameter.DurationSeconds",
  ],
  [
    "DurationSeconds above the role's maximum",
    { RoleArn: roleArn("NetworkAdmin"), ExternalId: "lz-42", DurationSeconds: 3601 },
    "InvalidParameter.DurationSeconds",
  ],
])("AssumeRole refuses %s", async (_what, params, code) => {
  const error = await sts()("AssumeRole", { RoleSessionName: "pulumi", ...params }).then(
    () => undefined,
    (e: { code: string }) => e,
  );
  expect(error?.code).toBe(code);
});

test("the NoPermission message names the role and the caller's account", async () => {
  const error = await sts()("AssumeRole", { RoleArn: roleArn("Private"), RoleSessionName: "ops" }).catch(
    (e: { message: string }) => e,
  );
  expect(error.message).toContain(roleArn("Private"));
  expect(error.message).toContain(NETWORK);
});

test("AssumeRoleWithOIDC checks the provider, signature, expiry, issuer, audience and trust", async () => {
  const call = (token: string, extra: Record<string, unknown> = {}) =>
    sts()("AssumeRoleWithOIDC", {
      OIDCProviderArn: OIDC_PROVIDER,
      RoleArn: roleArn("Ci"),
      RoleSessionName: "ci",
      OIDCToken: token,
      DurationSeconds: 7200,
      ...extra,
    }).then(
      (body: { Credentials: { AccessKeyId: string } }) => body.Credentials.AccessKeyId,
      (e: { code: string }) => e.code,
    );
  const now = f.clock.now();
  expect(await call(issuer.token({ now }))).toMatch(/^STS\./);
  expect(await call(issuer.token({ now, expiresInSeconds: -1 }))).toBe(
    "AuthenticationFail.OIDCToken.Expired",
  );
  expect(await call(issuer.token({ now, iss: "https://evil.invalid" }))).toBe(
    "AuthenticationFail.OIDCToken.IssuerNotMatch",
  );
  expect(await call(issuer.token({ now, aud: "someone-else" }))).toBe(
    "AuthenticationFail.OIDCToken.AudienceNotMatch",
  );
  expect(await call(testOidcIssuer(issuer.issuerUrl).token({ now }))).toBe(
    "AuthenticationFail.OIDCToken.Invalid",
  );
  expect(
    await call(issuer.token({ now }), { OIDCProviderArn: `acs:ram::${MEMBER}:oidc-provider/gitlab` }),
  ).toBe("EntityNotExist.OIDCProvider");
  expect(await call(issuer.token({ now }), { RoleArn: roleArn("Private"), DurationSeconds: 3600 })).toBe(
    "NoPermission",
  );
  expect(await call(issuer.token({ now }), { DurationSeconds: 7201 })).toBe(
    "InvalidParameter.DurationSeconds",
  );
  expect(JSON.stringify(f.emulator.requestLog())).not.toMatch(/eyJ/);
});
