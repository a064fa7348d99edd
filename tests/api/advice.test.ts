/**
 * Every error's advice against its real causes, as a table: the cause, how it shows (the code or condition the
 * client sees, produced for real against the emulator or a local server wherever this machine can produce it),
 * and what the message tells the user to do. Advice that points one way when the cause is another (a DNS
 * failure told to "check the request parameters", a gateway of another account told only to grant a RAM
 * permission) is what this table exists to catch.
 */
import { startEmulator, type FaultOptions, type RunningEmulator } from "../../emulator";
import { ENV_KEYS } from "../../provider/api/config/keys";
import { VpcApiError, VpcClient, classifyError, type VpcClientOptions } from "../../provider/api";
import { startApiServer } from "./helpers/apiServer";

const REGION = "cn-hangzhou";
const OWN_ACCOUNT = "1000000000000001";
const OTHER_ACCOUNT = "2000000000000002";
const OWN_KEY = { accessKeyId: "LTAIownkey0001", accessKeySecret: "own-secret", accountId: OWN_ACCOUNT };
const OTHER_KEY = {
  accessKeyId: "LTAIotherkey002",
  accessKeySecret: "other-secret",
  accountId: OTHER_ACCOUNT,
};
const STS_KEY = {
  accessKeyId: "STS.stskey0003",
  accessKeySecret: "sts-secret",
  securityToken: "sts-token",
  accountId: OWN_ACCOUNT,
};
const GW = "vpn-bp1advice0gateway0001";
const GW_SHANGHAI = "vpn-uf6advice0gateway0002";
const GW_OTHER_ACCOUNT = "vpn-bp1advice0othergw0003";
const GW_LOCKED = "vpn-bp1advice0lockedgw004";
const GW_SMALL = "vpn-bp1advice0smallgw0005";
const VCO = "vco-bp1advice0tunnel00001";
const route = (vpnGatewayId: string, routeDest: string) => ({
  RegionId: REGION,
  VpnGatewayId: vpnGatewayId,
  RouteDest: routeDest,
  NextHop: VCO,
  Weight: 100,
  PublishVpc: false,
});

let emulator: RunningEmulator;
const clients: VpcClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    configDelayMs: 10,
    seed: 15,
    credentials: [OWN_KEY, OTHER_KEY, STS_KEY],
    gateways: [
      { vpnGatewayId: GW, regionId: REGION, accountId: OWN_ACCOUNT },
      { vpnGatewayId: GW_SHANGHAI, regionId: "cn-shanghai", accountId: OWN_ACCOUNT },
      { vpnGatewayId: GW_OTHER_ACCOUNT, regionId: REGION, accountId: OTHER_ACCOUNT },
      {
        vpnGatewayId: GW_LOCKED,
        regionId: REGION,
        accountId: OWN_ACCOUNT,
        businessStatus: "FinancialLocked",
      },
      { vpnGatewayId: GW_SMALL, regionId: REGION, accountId: OWN_ACCOUNT, routeQuota: 1 },
    ],
  });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await emulator?.stop();
});

/** A client of the emulator as a user configures one: stack config for key and region, env for the endpoint. */
function client(options: Partial<VpcClientOptions> = {}): VpcClient {
  const c = new VpcClient({
    config: {
      "alicloud:accessKey": OWN_KEY.accessKeyId,
      "alicloud:secretKey": OWN_KEY.accessKeySecret,
      "alicloud:region": REGION,
    },
    env: { ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint },
    homeDir: "/nonexistent",
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    ...options,
  });
  clients.push(c);
  return c;
}

const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as Error,
  );

/** A gateway look whose key (and token) come from the environment only, as CI jobs keep them. */
const lookWithEnvKey = (keyEnv: Record<string, string>): Promise<Error> =>
  failure(
    client({
      env: { ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint, ...keyEnv },
      config: { "alicloud:region": REGION },
    }).describeVpnGateway({ VpnGatewayId: GW }),
  );

async function closedPort(): Promise<string> {
  const server = await startApiServer(() => undefined);
  await server.close();
  return server.endpoint;
}

/** A look at the gateway while the emulator answers every request with `faults`, until `deadlineMs` runs out. */
async function lookUnderFaults(faults: FaultOptions, deadlineMs: number): Promise<Error> {
  emulator.setFaults(faults);
  try {
    return await failure(client({ deadlineMs }).describeVpnGateway({ VpnGatewayId: GW }));
  } finally {
    emulator.setFaults({});
  }
}

interface Row {
  cause: string;
  /** The code, or the error class, the user sees. */
  shows: string;
  produce: () => Promise<Error>;
  /** Every fragment must be in the message... */
  says: (string | RegExp)[];
  /** ...and none of these (advice that would point the wrong way). */
  never?: string[];
}

/**
 * One write makes GW busy for a minute (an emulator whose writes take that long); then `next` runs against it and
 * its failure is returned.
 */
async function afterWriteOnBusyGateway(
  next: (env: Record<string, string>) => Promise<unknown>,
): Promise<Error> {
  const slow = await startEmulator({
    configDelayMs: 60_000,
    credentials: [OWN_KEY],
    gateways: [{ vpnGatewayId: GW, regionId: REGION, accountId: OWN_ACCOUNT }],
  });
  try {
    const env = { ALIBABA_CLOUD_ENDPOINT_VPC: slow.endpoint };
    await client({ env }).createVpnRouteEntry(route(GW, "10.6.0.0/16"));
    return await failure(next(env));
  } finally {
    await slow.stop();
  }
}

const PARAMS_ADVICE = "Check the request parameters";
const DEADLINE_ADVICE = "if the gateway is slow";

const rows: Row[] = [
  {
    cause: "the RAM user lacks the permission, or the gateway is another account's, or in another region",
    shows: "Forbidden",
    produce: () =>
      failure(client().describeVpnRouteEntries({ RegionId: REGION, VpnGatewayId: GW_OTHER_ACCOUNT })),
    says: [
      'lacks the RAM permission "vpc:DescribeVpnRouteEntries"',
      `gateway ${GW_OTHER_ACCOUNT} belongs to another Alibaba Cloud account than the access key`,
      "the key in use came from Pulumi config alicloud:accessKey and alicloud:secretKey)",
      `not in region ${REGION}`,
    ],
    never: [PARAMS_ADVICE],
  },
  {
    cause: "the gateway is in another region than the call names",
    shows: "InvalidVpnGatewayInstanceId.NotFound",
    produce: () => failure(client().describeVpnGateway({ RegionId: REGION, VpnGatewayId: GW_SHANGHAI })),
    says: [
      `VPN gateway ${GW_SHANGHAI} was not found in region ${REGION}`,
      "the route's region input, else alicloud:region, ALICLOUD_REGION or ALIBABA_CLOUD_REGION",
      "the credentials must belong to the gateway's account",
    ],
    never: [PARAMS_ADVICE],
  },
  {
    cause: "the AccessKeyId does not exist (typo, deleted key)",
    shows: "InvalidAccessKeyId.NotFound",
    produce: () =>
      failure(
        client({ credentials: { accessKeyId: "LTAInosuchkey", accessKeySecret: "x" } }).describeVpnGateway({
          VpnGatewayId: GW,
        }),
      ),
    says: [
      "the AccessKeyId does not exist or is disabled",
      "alicloud:accessKey / alicloud:secretKey",
      "ALICLOUD_ACCESS_KEY or ALIBABA_CLOUD_ACCESS_KEY_ID with ALICLOUD_SECRET_KEY or ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      "aliyun CLI profile",
    ],
    never: [PARAMS_ADVICE],
  },
  {
    cause: "the secret is not the key's",
    shows: "SignatureDoesNotMatch",
    produce: () =>
      failure(
        client({
          env: { ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint },
          config: { "alicloud:region": REGION },
          credentials: { accessKeyId: OWN_KEY.accessKeyId, accessKeySecret: "wrong" },
        }).describeVpnGateway({ VpnGatewayId: GW }),
      ),
    says: ["the secret is not the one issued with the AccessKeyId", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
    never: [PARAMS_ADVICE, "wrong"],
  },
  {
    cause: "the secret is not the key's, both read from the environment",
    shows: "SignatureDoesNotMatch",
    produce: () => lookWithEnvKey({ ALICLOUD_ACCESS_KEY: OWN_KEY.accessKeyId, ALICLOUD_SECRET_KEY: "wrong" }),
    // The variables actually set, not every name the chain reads.
    says: ["(the key in use came from environment ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY)"],
    never: [PARAMS_ADVICE, "wrong"],
  },
  {
    cause: "the secret is not the STS key's, the key and its token read from the SDK's environment names",
    shows: "SignatureDoesNotMatch",
    produce: () =>
      lookWithEnvKey({
        ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong",
        ALIBABA_CLOUD_SECURITY_TOKEN: STS_KEY.securityToken,
      }),
    says: [
      "(the key in use came from environment ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and " +
        "ALIBABA_CLOUD_SECURITY_TOKEN)",
    ],
    never: [PARAMS_ADVICE, "wrong", STS_KEY.securityToken],
  },
  {
    cause: "an STS key used without its security token",
    shows: "MissingSecurityToken",
    produce: () =>
      failure(
        client({
          credentials: { accessKeyId: STS_KEY.accessKeyId, accessKeySecret: STS_KEY.accessKeySecret },
        }).describeVpnGateway({ VpnGatewayId: GW }),
      ),
    says: [
      "temporary (STS)",
      "alicloud:securityToken",
      "ALICLOUD_SECURITY_TOKEN or ALIBABA_CLOUD_SECURITY_TOKEN",
    ],
    never: [PARAMS_ADVICE],
  },
  {
    cause: "no credentials anywhere",
    shows: "CredentialsNotFoundError",
    produce: () =>
      failure(client({ config: { "alicloud:region": REGION } }).describeVpnGateway({ VpnGatewayId: GW })),
    says: [
      ...ENV_KEYS.accessKey, // ALICLOUD_ACCESS_KEY and ALIBABA_CLOUD_ACCESS_KEY_ID
      ...ENV_KEYS.secretKey,
      "alicloud:accessKey",
      "aliyun CLI profile",
    ],
  },
  {
    cause: "the machine's clock is off",
    shows: "InvalidTimeStamp.Expired",
    produce: () =>
      failure(
        client({ clock: () => new Date(Date.now() - 3_600_000) }).describeVpnGateway({ VpnGatewayId: GW }),
      ),
    says: ["synchronise this machine's clock"],
  },
  {
    cause: "a request replayed with the same nonce",
    shows: "SignatureNonceUsed",
    produce: async () => {
      const c = client({ idGenerator: () => "the-same-nonce" });
      await c.describeVpnGateway({ VpnGatewayId: GW });
      return failure(c.describeVpnGateway({ VpnGatewayId: GW }));
    },
    says: ["signature nonce before", "run again"],
    never: [PARAMS_ADVICE],
  },
  {
    cause: "the account has an overdue payment",
    shows: "VpnGateway.FinancialLocked",
    produce: () => failure(client().createVpnRouteEntry(route(GW_LOCKED, "10.1.0.0/16"))),
    says: ["overdue payment", "Billing console"],
  },
  {
    cause: "the gateway's route table is full",
    shows: "Resource.QuotaFull",
    produce: async () => {
      const c = client();
      await c.createVpnRouteEntry(route(GW_SMALL, "10.1.0.0/16"));
      await c.waitForGatewayActive({ RegionId: REGION, VpnGatewayId: GW_SMALL }, { pollMs: 5 });
      return failure(c.createVpnRouteEntry(route(GW_SMALL, "10.2.0.0/16")));
    },
    says: ["route quota of the gateway is full"],
  },
  {
    cause: "a ClientToken reused for another request",
    shows: "IdempotentParameterMismatch",
    produce: async () => {
      const c = client();
      await c.createVpnRouteEntry(route(GW, "10.3.0.0/16"), { clientToken: "token-1" });
      await c.waitForGatewayActive({ RegionId: REGION, VpnGatewayId: GW }, { pollMs: 5 });
      return failure(c.createVpnRouteEntry(route(GW, "10.4.0.0/16"), { clientToken: "token-1" }));
    },
    says: ["ClientToken was reused with different parameters"],
  },
  {
    cause: "the route was deleted outside Pulumi",
    shows: "InvalidRouteEntry.NotFound",
    produce: () =>
      failure(
        client().deleteVpnRouteEntry({
          RegionId: REGION,
          VpnGatewayId: GW,
          RouteDest: "10.99.0.0/16",
          NextHop: VCO,
          Weight: 0,
        }),
      ),
    says: ["no longer on the gateway", "pulumi refresh"],
  },
  {
    cause: "a parameter the API refuses",
    shows: "InvalidParameter",
    produce: () => failure(client().createVpnRouteEntry({ ...route(GW, "10.5.0.0/16"), Weight: 50 })),
    says: ["if its message names an input of the resource, correct that input"],
  },
  {
    cause: "nothing listens at the endpoint (a closed port, an emulator not started)",
    shows: "ECONNREFUSED",
    produce: async () =>
      failure(
        client({
          env: { ALIBABA_CLOUD_ENDPOINT_VPC: await closedPort() },
          unreachableRetryMs: 50,
        }).describeVpnGateway({
          VpnGatewayId: GW,
        }),
      ),
    says: [
      /Nothing accepts connections at http:\/\/127\.0\.0\.1:\d+ \(the VPC endpoint from environment ALIBABA_CLOUD_ENDPOINT_VPC\)/,
      "change ALIBABA_CLOUD_ENDPOINT_VPC, or unset it",
    ],
    never: [PARAMS_ADVICE, DEADLINE_ADVICE],
  },
  {
    cause: "the same, with the endpoint from alicloud:endpoints",
    shows: "ECONNREFUSED",
    produce: async () =>
      failure(
        client({
          env: {},
          config: {
            "alicloud:accessKey": OWN_KEY.accessKeyId,
            "alicloud:secretKey": OWN_KEY.accessKeySecret,
            "alicloud:region": REGION,
            "alicloud:endpoints": JSON.stringify([{ vpc: await closedPort() }]),
          },
          unreachableRetryMs: 50,
        }).describeVpnGateway({ VpnGatewayId: GW }),
      ),
    says: [
      "the VPC endpoint from Pulumi config alicloud:endpoints (vpc)",
      "pulumi config get alicloud:endpoints",
    ],
    never: [PARAMS_ADVICE, DEADLINE_ADVICE],
  },
  {
    cause: "https spoken to a plain-http endpoint (or a certificate not trusted)",
    shows: "EPROTO (a TLS failure)",
    produce: () =>
      failure(
        client({
          env: { ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint.replace("http:", "https:") },
          unreachableRetryMs: 50,
        }).describeVpnGateway({ VpnGatewayId: GW }),
      ),
    says: ["The TLS handshake with https://127.0.0.1", "write http://", "NODE_EXTRA_CA_CERTS"],
    never: [PARAMS_ADVICE, DEADLINE_ADVICE],
  },
  {
    cause: "the endpoint is not the VPC API (a web page, a captive portal)",
    shows: "InvalidResponse",
    produce: async () => {
      const web = await startApiServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>hello</html>");
      });
      try {
        return await failure(client({ endpoint: web.endpoint }).describeVpnGateway({ VpnGatewayId: GW }));
      } finally {
        await web.close();
      }
    },
    says: ["did not answer as the VPC API", "https://vpc.<region>.aliyuncs.com"],
    never: [PARAMS_ADVICE],
  },
  {
    cause: "another program keeps the gateway busy past the deadline",
    shows: "DeadlineExceededError after VpnGateway.Configuring",
    produce: () =>
      afterWriteOnBusyGateway((env) =>
        client({ env, deadlineMs: 300 }).createVpnRouteEntry(route(GW, "10.7.0.0/16")),
      ),
    says: ["VpnGateway.Configuring", "Raise the deadline", DEADLINE_ADVICE],
  },
  {
    cause:
      "the gateway stays busy (a change made in the console, a stuck gateway) past the deadline of a wait",
    shows: "DeadlineExceededError waiting for the gateway",
    produce: () =>
      afterWriteOnBusyGateway((env) =>
        client({ env }).waitForGatewayActive(
          { RegionId: REGION, VpnGatewayId: GW },
          { deadlineMs: 300, pollMs: 20 },
        ),
      ),
    says: [
      `waiting for gateway ${GW} to become active (last status: updating)`,
      "Check the gateway in the VPC console",
    ],
  },
  {
    cause: "the API throttles every call (the account's rate limit)",
    shows: "DeadlineExceededError after Throttling.User",
    produce: () => lookUnderFaults({ throttlePct: 100, retryAfterSeconds: 1 }, 500),
    says: ["kept throttling", "--parallel"],
    never: [DEADLINE_ADVICE],
  },
  {
    cause: "connections to the endpoint keep breaking",
    shows: "DeadlineExceededError after ECONNRESET",
    produce: () => lookUnderFaults({ resetBeforeApplyPct: 100 }, 300),
    says: [
      /The endpoint http:\/\/127\.0\.0\.1:\d+ \(from environment ALIBABA_CLOUD_ENDPOINT_VPC\) kept failing to answer/,
      "HTTPS_PROXY",
    ],
    never: [DEADLINE_ADVICE],
  },
  {
    cause: "the API fails on its side",
    shows: "DeadlineExceededError after ServiceUnavailable / InternalError",
    produce: () => lookUnderFaults({ serverErrorPct: 100 }, 300),
    says: ["kept failing on its side", "try again later"],
    never: [DEADLINE_ADVICE],
  },
];

describe("every error's advice against its real causes", () => {
  it.each(rows.map((r) => [r.cause, r.shows, r] as const))("%s → %s", async (_cause, shows, row) => {
    const err = await row.produce();
    const firstWord = shows.split(" ")[0];
    expect(`${err.name} ${(err as VpcApiError).code ?? ""} ${err.message}`).toContain(firstWord);
    for (const fragment of row.says) {
      if (typeof fragment === "string") expect(err.message).toContain(fragment);
      else expect(err.message).toMatch(fragment);
    }
    for (const wrong of row.never ?? []) expect(err.message).not.toContain(wrong);
  });

  // Causes this machine cannot produce for real (tests reach 127.0.0.1 only, so no DNS): the error as the
  // client builds it from the transport's code.
  it.each([
    ["ENOTFOUND", "does not resolve: check its spelling and the region in it"],
    ["EAI_AGAIN", "a temporary DNS failure"],
    ["EHOSTUNREACH", "No network route leads to"],
    ["CERT_HAS_EXPIRED", "The TLS handshake with"],
  ])("%s (no HTTP answer) → unreachable, naming the endpoint and where it came from", (code, says) => {
    const err = new VpcApiError({
      action: "DescribeVpnRouteEntries",
      code,
      apiMessage: `getaddrinfo ${code} vpc.cn-hangzhuo.aliyuncs.com`,
      kind: classifyError({ code }),
      context: {
        endpoint: "https://vpc.cn-hangzhuo.aliyuncs.com",
        endpointSource: "region cn-hangzhuo (its default endpoint)",
        endpointFix: 'check the region ID "cn-hangzhuo"',
      },
    });
    expect(err.kind).toBe("unreachable");
    expect(err.message).toContain(says);
    expect(err.message).toContain(
      "https://vpc.cn-hangzhuo.aliyuncs.com (the VPC endpoint from region cn-hangzhuo (its default endpoint))",
    );
    expect(err.message).toContain('check the region ID "cn-hangzhuo"');
    expect(err.message).not.toContain(PARAMS_ADVICE);
  });
});
