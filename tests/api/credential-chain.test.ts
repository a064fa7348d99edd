/**
 * The credential chain against the emulator's identity side, the client in its own process (see
 * helpers/chainClient.js for why): assume role on top of keys, OIDC from a token file, credentials URI,
 * ECS role (IMDSv2 first), aliyun CLI profile chains; sessions fetched once for concurrent calls and
 * refreshed before they expire; refusals that say what to grant, and no secret anywhere.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { testTls } from "../support/testTls";
import { testOidcIssuer } from "../support/oidcTokens";
import {
  CI_ROLE_ARN,
  ECS_ROLE_ARN,
  EXTERNAL_ID,
  githubProvider,
  MEMBER,
  MEMBER_GW,
  memberRoles,
  NETWORK,
  NETWORK_KEY,
  OIDC_PROVIDER_ARN,
  ROLE_ARN,
} from "../support/landingZoneAccounts";

const CLIENT = join(__dirname, "helpers", "chainClient.js");
const REGION = "cn-hangzhou";
const BASE = NETWORK_KEY;
const ROLE = ROLE_ARN;
const CI_ROLE = CI_ROLE_ARN;
const ECS_ROLE = ECS_ROLE_ARN;
const OIDC_PROVIDER = OIDC_PROVIDER_ARN;
const issuer = testOidcIssuer();

type Result = "ok" | { name: string; message: string; code?: string };

let emulator: RunningEmulator;
let caFile: string;
let dir: string;

beforeAll(async () => {
  const tls = await testTls();
  caFile = tls.caFile;
  dir = mkdtempSync(join(tmpdir(), "chain-"));
  emulator = await startEmulator({
    seed: 7,
    credentials: [BASE],
    gateways: [{ vpnGatewayId: MEMBER_GW, regionId: REGION, accountId: MEMBER }],
    roles: memberRoles(),
    oidcProviders: [githubProvider(issuer)],
    sts: { tls: { key: tls.key, cert: tls.cert } },
    instanceRole: { roleArn: ECS_ROLE, requireImdsV2: true },
  });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.clearLog());

function endpoints(): string {
  return JSON.stringify([{ sts: emulator.stsEndpoint }]);
}

function run(
  config: Record<string, string>,
  env: Record<string, string> = {},
  rounds: Array<{ calls: number; pauseMsBefore?: number }> = [{ calls: 1 }],
): Promise<Result[]> {
  const job = {
    config: { "alicloud-vpn:endpoint": emulator.endpoint, ...config },
    gateway: MEMBER_GW,
    region: REGION,
    rounds,
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLIENT, JSON.stringify(job)],
      {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          NODE_EXTRA_CA_CERTS: caFile,
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
          ...env,
        },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        const out = JSON.parse(stdout) as { results?: Result[]; fatal?: unknown };
        if (!out.results) return reject(new Error(`client failed: ${JSON.stringify(out.fatal)}`));
        resolve(out.results);
      },
    );
  });
}

const keys = { "alicloud:accessKey": BASE.accessKeyId, "alicloud:secretKey": BASE.accessKeySecret };
const vpcCalls = () => emulator.requestLog().filter((e) => e.action === "DescribeVpnGateway");

test("assumeRole with ExternalId on top of keys: 30 concurrent calls make one AssumeRole, all in the member account", async () => {
  const results = await run(
    {
      ...keys,
      "alicloud:endpoints": endpoints(),
      "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE, externalId: "lz-42" }),
    },
    {},
    [{ calls: 30 }],
  );
  expect(results).toEqual(Array(30).fill("ok"));
  expect(emulator.counts().AssumeRole).toBe(1);
  expect(vpcCalls().every((e) => e.accountId === MEMBER && e.accessKeyId?.startsWith("STS."))).toBe(true);
});

test("a session is refreshed before it expires: no call is refused as expired during a long run", async () => {
  const short = await startEmulator({
    seed: 8,
    credentials: [BASE],
    gateways: [{ vpnGatewayId: MEMBER_GW, regionId: REGION, accountId: MEMBER }],
    roles: [{ accountId: MEMBER, roleName: "NetworkAdmin", trustedAccounts: [NETWORK] }],
    sts: { tls: await testTls(), sessionLifetimeMs: 6000 },
  });
  try {
    const job = {
      config: {
        ...keys,
        "alicloud-vpn:endpoint": short.endpoint,
        "alicloud:endpoints": JSON.stringify([{ sts: short.stsEndpoint }]),
        "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionExpiration: 900 }),
      },
      gateway: MEMBER_GW,
      region: REGION,
      rounds: Array.from({ length: 16 }, () => ({ calls: 3, pauseMsBefore: 500 })),
    };
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [CLIENT, JSON.stringify(job)],
        { env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile } },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    const results = (JSON.parse(out) as { results: Result[] }).results;
    expect(results.filter((r) => r !== "ok")).toEqual([]);
    // 16 rounds of 500 ms outlive a 6 s session at least once.
    expect(short.counts().AssumeRole).toBeGreaterThanOrEqual(2);
    expect(short.requestLog().filter((e) => e.code === "InvalidSecurityToken.Expired")).toEqual([]);
  } finally {
    await short.stop();
  }
});

test("OIDC from a token file (the SDK's environment names), fetched once", async () => {
  const tokenFile = join(dir, "oidc-token");
  writeFileSync(tokenFile, issuer.token());
  const results = await run(
    { "alicloud:endpoints": endpoints() },
    {
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      ALIBABA_CLOUD_ROLE_ARN: CI_ROLE,
    },
    [{ calls: 5 }],
  );
  expect(results).toEqual(Array(5).fill("ok"));
  expect(emulator.counts().AssumeRoleWithOIDC).toBe(1);
  expect(JSON.stringify(emulator.requestLog())).not.toContain("eyJ");
});

test("a credentials URI", async () => {
  const before = emulator.instanceRequests().length;
  expect(
    await run({ "alicloud:credentialsUri": emulator.credentialsUri as string }, {}, [{ calls: 4 }]),
  ).toEqual(Array(4).fill("ok"));
  expect(emulator.instanceRequests().slice(before)).toEqual(["GET /credentials"]);
});

test("the ECS instance role through the metadata service: IMDSv2 token first", async () => {
  const before = emulator.instanceRequests().length;
  const results = await run(
    {},
    {
      ALICLOUD_ECS_ROLE_NAME: "Runner",
      ALICLOUD_VPN_TEST_ECS_METADATA_ENDPOINT: emulator.metadataEndpoint as string,
    },
  );
  expect(results).toEqual(["ok"]);
  expect(emulator.instanceRequests().slice(before)).toEqual([
    "PUT /latest/api/token",
    "GET /latest/meta-data/ram/security-credentials/Runner",
  ]);
});

test("ECS role without the test endpoint, under ALIBABA_CLOUD_ECS_METADATA_DISABLED, never calls out", async () => {
  const [result] = await run({ "alicloud:ecsRoleName": "Runner" });
  expect(result).toMatchObject({ name: "ConfigurationError" });
  expect((result as { message: string }).message).toContain("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
});

test("aliyun CLI profile ChainableRamRoleArn from an AK profile, in a sharedCredentialsFile", async () => {
  const file = join(dir, "aliyun.json");
  writeFileSync(
    file,
    JSON.stringify({
      current: "member",
      profiles: [
        {
          name: "base",
          mode: "AK",
          access_key_id: BASE.accessKeyId,
          access_key_secret: BASE.accessKeySecret,
        },
        {
          name: "member",
          mode: "ChainableRamRoleArn",
          source_profile: "base",
          ram_role_arn: ROLE,
          external_id: "lz-42",
        },
      ],
    }),
  );
  const results = await run({ "alicloud:sharedCredentialsFile": file, "alicloud:endpoints": endpoints() });
  expect(results).toEqual(["ok"]);
  expect(emulator.counts().AssumeRole).toBe(1);
});

test.each([
  ["RamRoleArn", { mode: "RamRoleArn", ram_role_arn: ROLE_ARN, external_id: EXTERNAL_ID }, "AssumeRole"],
  [
    "OIDC",
    { mode: "OIDC", ram_role_arn: CI_ROLE_ARN, oidc_provider_arn: OIDC_PROVIDER_ARN },
    "AssumeRoleWithOIDC",
  ],
  ["EcsRamRole", { mode: "EcsRamRole", ram_role_name: "Runner" }, undefined],
])("aliyun CLI profile mode %s (alicloud:profile)", async (_mode, profile, stsAction) => {
  const tokenFile = join(dir, "profile-oidc-token");
  writeFileSync(tokenFile, issuer.token());
  const file = join(dir, "modes.json");
  const entry = {
    name: "ci",
    access_key_id: BASE.accessKeyId,
    access_key_secret: BASE.accessKeySecret,
    oidc_token_file: tokenFile,
    ...profile,
  };
  writeFileSync(file, JSON.stringify({ current: "default", profiles: [entry] }));
  const before = emulator.instanceRequests().length;
  const results = await run(
    { "alicloud:sharedCredentialsFile": file, "alicloud:profile": "ci", "alicloud:endpoints": endpoints() },
    { ALICLOUD_VPN_TEST_ECS_METADATA_ENDPOINT: emulator.metadataEndpoint as string },
    [{ calls: 3 }],
  );
  expect(results).toEqual(["ok", "ok", "ok"]);
  expect(vpcCalls().every((e) => e.accountId === MEMBER && e.accessKeyId?.startsWith("STS."))).toBe(true);
  if (stsAction) expect(emulator.counts()[stsAction]).toBe(1);
  else expect(emulator.instanceRequests().slice(before)[0]).toBe("PUT /latest/api/token");
});

test.each([
  [
    "a role without trust for the caller's account",
    `acs:ram::${MEMBER}:role/private`,
    /was refused: NoPermission.*grant it: the role's trust policy must name the caller's account/,
  ],
  [
    "a role that does not exist",
    `acs:ram::${MEMBER}:role/nope`,
    /was refused: EntityNotExist\.Role.*does not exist in account 2000000000000002/,
  ],
])(
  "%s fails at the first call with a message naming role, account and what to do",
  async (_what, roleArn, pattern) => {
    const [result] = await run({
      ...keys,
      "alicloud:endpoints": endpoints(),
      "alicloud:assumeRole": JSON.stringify({ roleArn }),
    });
    expect(result).toMatchObject({ name: "CredentialFetchError" });
    const message = (result as { message: string }).message;
    expect(message).toContain(roleArn);
    expect(message).toContain(`account ${MEMBER}`);
    expect(message).toMatch(pattern);
    expect(message).not.toContain(BASE.accessKeySecret);
    expect(vpcCalls()).toEqual([]);
  },
);
