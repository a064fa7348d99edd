/**
 * Identity under the real engine, against the emulator's STS (https, a certificate made for the test and
 * trusted through NODE_EXTRA_CA_CERTS), its metadata and credentials-URI stand-ins: every way of signing in,
 * sessions cached and refreshed inside the provider process, refusals at the first write that say what to
 * grant, bad settings refused at preview, and explicit providers reaching two accounts from one stack.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { testTls } from "../support/testTls";
import { testOidcIssuer } from "../support/oidcTokens";
import {
  ECS_ROLE_ARN,
  githubProvider,
  MEMBER,
  MEMBER_GW,
  memberRoles,
  NETWORK,
  NETWORK_KEY,
  OIDC_PROVIDER_ARN,
  ROLE_ARN,
} from "../support/landingZoneAccounts";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, PulumiCommandError, type PulumiProject } from "./harness";
import { oncePerWrite } from "./emulator-env";

// Several engine commands per test, on a shared machine.
jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 4);

const REGION = "cn-hangzhou";
const HUB_GW = "vpn-hub000000000000000001";
const VCO = "vco-emu00000000000000001";
const ROLE = ROLE_ARN;
const ROLE2 = `acs:ram::${MEMBER}:role/networkadmin2`;
const OIDC_PROVIDER = OIDC_PROVIDER_ARN;
const PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const issuer = testOidcIssuer();

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRoutes, VpnRouteEntry, Provider } = require("alicloud-vpn-routes");
const c = new pulumi.Config();
// Settings a scenario does not use are set to "" (the test switches them between updates).
const object = (key) => (c.get(key) ? JSON.parse(c.get(key)) : undefined);
const count = Number(c.get("count") || 1);
const routes = Array.from({ length: count }, (_, i) => ({ routeDest: "10." + i + ".0.0/16" }));
const member = object("member");
const network = object("network");
new VpnGatewayRoutes(
  "member-table",
  { vpnGatewayId: "${MEMBER_GW}", defaults: { nextHop: "${VCO}" }, routes },
  member ? { provider: new Provider("member", member) } : {},
);
if (network) {
  new VpnRouteEntry(
    "hub-route",
    { vpnGatewayId: "${HUB_GW}", nextHop: "${VCO}", routeDest: "172.16.0.0/12", weight: 100, publishVpc: true },
    { provider: new Provider("network", network) },
  );
}
`;

/** The stack's credential settings; each scenario sets its own and clears the others. */
const CREDENTIAL_KEYS = [
  "alicloud:accessKey",
  "alicloud:secretKey",
  "alicloud:assumeRole",
  "alicloud:assumeRoleWithOidc",
  "alicloud:credentialsUri",
  "alicloud:ecsRoleName",
  "member",
  "network",
];

describeWithPulumi("identity: every way of signing in, under the engine", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let tokenFile: string;

  const use = async (settings: Record<string, unknown>) => {
    for (const key of [...CREDENTIAL_KEYS, "count"]) {
      const value = settings[key];
      await project.setConfig(key, {
        value: value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value),
      });
    }
    emulator.clearLog();
  };
  const writes = () =>
    oncePerWrite(emulator.requestLog()).filter(
      (e) => e.action.startsWith("Create") || e.action.startsWith("Delete") || e.action.startsWith("Modify"),
    );
  /** The errors a failing preview reports, one per line; the check failure, with no stack trace. */
  const previewErrors = async () => {
    const error = await project.preview().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PulumiCommandError);
    const diagnostics = (error as PulumiCommandError).preview?.diagnostics ?? [];
    const text = diagnostics.map((d) => d.message).join("\n");
    expect(text).toContain("has a problem: Invalid configuration in Pulumi config");
    expect(text).not.toMatch(/\bat \w+ \(/);
    return text;
  };
  /** Stack settings for the program's two explicit providers: the member's assumes `assumeRole`. */
  const explicitProviders = (assumeRole: Record<string, string>, memberRegion = REGION) => {
    const keys = {
      region: REGION,
      accessKey: NETWORK_KEY.accessKeyId,
      secretKey: NETWORK_KEY.accessKeySecret,
    };
    const member = { ...keys, region: memberRegion, assumeRole, endpoints: [{ sts: emulator.stsEndpoint }] };
    return { member, network: keys };
  };
  const networkKeys = {
    "alicloud:accessKey": NETWORK_KEY.accessKeyId,
    "alicloud:secretKey": NETWORK_KEY.accessKeySecret,
  };
  /** Up, check the member table, destroy (with the same settings). */
  const upAndDown = async (count = 1) => {
    await project.up({ skipPreview: true });
    expect(emulator.routes(MEMBER_GW)).toHaveLength(count);
    const created = writes().filter((e) => e.action === "CreateVpnRouteEntry");
    expect(created).toHaveLength(count);
    expect(created.every((e) => e.accountId === MEMBER)).toBe(true);
    await project.destroy();
    expect(emulator.routes(MEMBER_GW)).toHaveLength(0);
  };

  beforeAll(async () => {
    const tls = await testTls();
    emulator = await startEmulator({
      configDelayMs: 20,
      seed: 21,
      credentials: [NETWORK_KEY],
      gateways: [
        { vpnGatewayId: HUB_GW, regionId: REGION, accountId: NETWORK },
        { vpnGatewayId: MEMBER_GW, regionId: REGION, accountId: MEMBER },
      ],
      roles: [...memberRoles(), { accountId: MEMBER, roleName: "NetworkAdmin2", trustedAccounts: [NETWORK] }],
      oidcProviders: [githubProvider(issuer)],
      sts: { tls: { key: tls.key, cert: tls.cert } },
      instanceRole: { roleArn: ECS_ROLE_ARN, requireImdsV2: true },
    });
    project = await createPulumiProject({
      name: "identity",
      files: { "index.js": PROGRAM },
      installPackage: true,
      env: {
        NODE_EXTRA_CA_CERTS: tls.caFile,
        ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint,
        ALIBABA_CLOUD_REGION: REGION,
        ALICLOUD_VPN_TEST_ECS_METADATA_ENDPOINT: emulator.metadataEndpoint as string,
      },
      config: { "alicloud:endpoints": JSON.stringify([{ sts: emulator.stsEndpoint }]) },
    });
    tokenFile = join(project.dir, "oidc-token");
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("assumeRole with ExternalId on top of the stack's keys: 30 concurrent creates, one AssumeRole, no session in state", async () => {
    await use({ ...networkKeys, "alicloud:assumeRole": { roleArn: ROLE, externalId: "lz-42" }, count: 30 });
    await project.up({ skipPreview: true });
    expect(emulator.routes(MEMBER_GW)).toHaveLength(30);
    expect(emulator.counts().AssumeRole).toBe(1);
    const sessionKeys = new Set(
      emulator
        .requestLog()
        .filter((e) => e.accountId === MEMBER)
        .map((e) => e.accessKeyId),
    );
    expect([...sessionKeys].every((k) => k?.startsWith("STS."))).toBe(true);
    const state = JSON.stringify(await project.exportStack({ showSecrets: true }));
    for (const key of sessionKeys) expect(state).not.toContain(key as string);
    expect(state).not.toContain("CAIS");
    await project.destroy();
    expect(emulator.routes(MEMBER_GW)).toHaveLength(0);
  });

  it("a session shorter than the up is refreshed before it expires", async () => {
    await use({
      ...networkKeys,
      "alicloud:assumeRole": { roleArn: ROLE, externalId: "lz-42", sessionExpiration: 900 },
      count: 16,
    });
    emulator.setStsSessionLifetime(4000);
    emulator.setFaults({ latencyMs: 120 });
    try {
      await project.up({ skipPreview: true });
    } finally {
      emulator.setFaults({});
      emulator.setStsSessionLifetime(undefined);
    }
    expect(emulator.routes(MEMBER_GW)).toHaveLength(16);
    expect(emulator.counts().AssumeRole).toBeGreaterThanOrEqual(2);
    expect(emulator.requestLog().filter((e) => e.code === "InvalidSecurityToken.Expired")).toEqual([]);
    await project.destroy();
  });

  it("OIDC from a token file", async () => {
    writeFileSync(tokenFile, issuer.token({ expiresInSeconds: 3600 }));
    await use({
      "alicloud:assumeRoleWithOidc": {
        oidcProviderArn: OIDC_PROVIDER,
        roleArn: `acs:ram::${MEMBER}:role/ci`,
        oidcTokenFile: tokenFile,
      },
    });
    await upAndDown();
    expect(emulator.counts().AssumeRoleWithOIDC).toBeGreaterThanOrEqual(1);
  });

  it("a credentials URI", async () => {
    const before = emulator.instanceRequests().length;
    await use({ "alicloud:credentialsUri": emulator.credentialsUri });
    await upAndDown();
    expect(emulator.instanceRequests().slice(before)).toContain("GET /credentials");
  });

  it("the ECS instance role through the (loopback) metadata service, IMDSv2 token first", async () => {
    const before = emulator.instanceRequests().length;
    await use({ "alicloud:ecsRoleName": "Runner" });
    await upAndDown();
    const seen = emulator.instanceRequests().slice(before);
    expect(seen[0]).toBe("PUT /latest/api/token");
    expect(seen).toContain("GET /latest/meta-data/ram/security-credentials/Runner");
  });

  it.each([
    [
      "a role the caller's account is not trusted by",
      `acs:ram::${MEMBER}:role/private`,
      /NoPermission.*grant it: the role's trust policy must name the caller's account/s,
    ],
    [
      "a role that does not exist",
      `acs:ram::${MEMBER}:role/nope`,
      /EntityNotExist\.Role.*does not exist in account/s,
    ],
  ])("%s fails at the first write, naming role, account and what to do", async (_what, roleArn, pattern) => {
    await use({ ...networkKeys, "alicloud:assumeRole": { roleArn } });
    const error = await project.up({ skipPreview: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PulumiCommandError);
    const output = (error as PulumiCommandError).message;
    expect(output).toContain(roleArn);
    expect(output).toContain(`account ${MEMBER}`);
    expect(output).toMatch(pattern);
    expect(output).not.toContain(NETWORK_KEY.accessKeySecret);
    expect(writes()).toEqual([]);
  });

  it.each([
    [
      "a malformed role ARN",
      { roleArn: "arn:aws:iam::123456789012:role/x" },
      /roleArn "arn:aws:iam::123456789012:role\/x" is not a RAM role ARN; expected acs:ram::<accountId>:role\/<roleName>/,
    ],
    [
      "sessionExpiration out of range",
      { roleArn: ROLE, sessionExpiration: 60 },
      /sessionExpiration must be a whole number of seconds from 900 to 43200/,
    ],
  ])("preview refuses %s before any call", async (_what, assumeRole, pattern) => {
    await use({ ...networkKeys, "alicloud:assumeRole": assumeRole });
    expect(await previewErrors()).toMatch(pattern);
    expect(emulator.requestLog()).toEqual([]);
  });

  it("preview refuses an OIDC token file that does not exist", async () => {
    await use({
      "alicloud:assumeRoleWithOidc": {
        oidcProviderArn: OIDC_PROVIDER,
        roleArn: `acs:ram::${MEMBER}:role/ci`,
        oidcTokenFile: "/nonexistent/token",
      },
    });
    expect(await previewErrors()).toMatch(/oidcTokenFile \/nonexistent\/token does not exist/);
    expect(emulator.requestLog()).toEqual([]);
  });

  it("two explicit providers in one stack reach two accounts; their secrets are secret in state", async () => {
    await use({
      ...explicitProviders({ roleArn: ROLE, externalId: "lz-42" }),
      count: 3,
    });
    await project.up({ skipPreview: true });
    expect(emulator.routes(MEMBER_GW)).toHaveLength(3);
    expect(emulator.routes(HUB_GW).map((r) => r.RouteDest)).toEqual(["172.16.0.0/12"]);
    const created = writes().filter((e) => e.action === "CreateVpnRouteEntry");
    expect(created.filter((e) => e.accountId === NETWORK).map((e) => e.params.VpnGatewayId)).toEqual([
      HUB_GW,
    ]);
    expect(created.filter((e) => e.accountId === MEMBER)).toHaveLength(3);
    const state = await project.exportStack();
    const providers = (state.deployment.resources ?? []).filter(
      (r: { type: string }) => r.type === PROVIDER_TYPE,
    );
    expect(providers.map((r: { urn: string }) => r.urn.split("::").pop()).sort()).toEqual([
      "member",
      "network",
    ]);
    expect(JSON.stringify(state)).not.toContain(NETWORK_KEY.accessKeySecret);
  });

  it("changing a provider's role and region is an in-place update of the provider that replaces no route", async () => {
    emulator.clearLog();
    await use({
      ...explicitProviders({ roleArn: ROLE2, sessionName: "changed" }, "cn-shanghai"),
      count: 3,
    });
    const update = await project.up({ skipPreview: true });
    const memberProvider = update.steps.find((s) => s.type === PROVIDER_TYPE && s.urn.endsWith("::member"));
    expect(memberProvider?.op).toBe("update");
    expect(
      update.steps.filter((s) => s.type !== PROVIDER_TYPE && !["same", "refresh"].includes(s.op)),
    ).toEqual([]);
    expect(writes()).toEqual([]);
    // Back in the gateway's region, the updated provider works with the new role: one more route goes through it.
    await use({
      ...explicitProviders({ roleArn: ROLE2, sessionName: "changed" }),
      count: 4,
    });
    await project.up({ skipPreview: true });
    expect(emulator.routes(MEMBER_GW)).toHaveLength(4);
    const assumed = emulator.requestLog().filter((e) => e.action === "AssumeRole");
    expect(assumed.map((e) => e.params.RoleArn)).toEqual([ROLE2]);
    await project.destroy();
    expect(emulator.routes(MEMBER_GW)).toHaveLength(0);
    expect(emulator.routes(HUB_GW)).toHaveLength(0);
  });
});
