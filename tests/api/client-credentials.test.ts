import { inspect } from "node:util";
import {
  CredentialsNotFoundError,
  VpcClient,
  resolveCredentials,
  type VpcClientOptions,
} from "../../provider/api";
import { startApiServer, sendJson, apiError, type ApiServer } from "./helpers/apiServer";
import { fakeTime } from "./helpers/fakeTime";
import { tempHome } from "./helpers/tempHome";
import { verifyAcs3 } from "./helpers/verifySignature";

const GW = { RegionId: "cn-beijing", VpnGatewayId: "vpn-c1" };
const SECRETS: Record<string, string> = {
  "id-explicit": "secret-explicit-XYZ",
  "id-config": "secret-config-XYZ",
  "id-env": "secret-env-XYZ",
  "id-env-sdk": "secret-env-sdk-XYZ",
  "id-profile": "secret-profile-XYZ",
  "id-profile-ops": "secret-profile-ops-XYZ",
  "id-profile-sts": "secret-profile-sts-XYZ",
};

const PROFILE_FILE = {
  current: "default",
  profiles: [
    {
      name: "default",
      mode: "AK",
      access_key_id: "id-profile",
      access_key_secret: SECRETS["id-profile"],
      region_id: "cn-hangzhou",
    },
    {
      name: "ops",
      mode: "AK",
      access_key_id: "id-profile-ops",
      access_key_secret: SECRETS["id-profile-ops"],
    },
    {
      name: "sts",
      mode: "StsToken",
      access_key_id: "id-profile-sts",
      access_key_secret: SECRETS["id-profile-sts"],
      sts_token: "sts-from-profile-XYZ",
    },
    { name: "sso", mode: "CloudSSO", access_key_id: "id-role", access_key_secret: "secret-role-XYZ" },
  ],
};

describe("credentials", () => {
  let server: ApiServer;
  let home: ReturnType<typeof tempHome>;
  const clients: VpcClient[] = [];

  beforeAll(async () => {
    server = await startApiServer((req, res) => {
      const check = verifyAcs3(req, SECRETS);
      if (!check.ok) return apiError(res, 400, "SignatureDoesNotMatch", "bad-sig");
      sendJson(res, 200, { RequestId: "r", VpnGatewayId: "vpn-c1", Status: "active" });
    });
  });
  beforeEach(() => {
    server.requests.length = 0;
    home = tempHome(PROFILE_FILE);
  });
  afterEach(() => {
    home.remove();
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(() => server.close());

  function client(options: Partial<VpcClientOptions>): VpcClient {
    const c = new VpcClient({ endpoint: server.endpoint, homeDir: home.dir, env: {}, ...options });
    clients.push(c);
    return c;
  }

  /** Makes one real call and returns the key id the server saw (after verifying the signature with its secret). */
  async function keyUsed(options: Partial<VpcClientOptions>): Promise<string> {
    await client(options).describeVpnGateway(GW);
    const req = server.requests[server.requests.length - 1];
    const check = verifyAcs3(req, SECRETS);
    expect(check.ok).toBe(true);
    return check.accessKeyId;
  }

  const all = {
    credentials: { accessKeyId: "id-explicit", accessKeySecret: SECRETS["id-explicit"] },
    config: { "alicloud:accessKey": "id-config", "alicloud:secretKey": SECRETS["id-config"] },
    env: { ALICLOUD_ACCESS_KEY: "id-env", ALICLOUD_SECRET_KEY: SECRETS["id-env"] },
  };

  it("each source wins over the later ones: explicit > config > env > CLI profile", async () => {
    expect(await keyUsed(all)).toBe("id-explicit");
    expect(await keyUsed({ config: all.config, env: all.env })).toBe("id-config");
    expect(await keyUsed({ env: all.env })).toBe("id-env");
    expect(await keyUsed({})).toBe("id-profile");
    expect(server.requests).toHaveLength(4);
  });

  it("env: terraform's names win over the SDK's; the SDK's alone work; a security token is sent", async () => {
    const sdkEnv = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id-env-sdk",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRETS["id-env-sdk"],
      ALIBABA_CLOUD_SECURITY_TOKEN: "sts-env-XYZ",
    };
    expect(await keyUsed({ env: { ...sdkEnv, ...all.env } })).toBe("id-env");
    expect(await keyUsed({ env: sdkEnv })).toBe("id-env-sdk");
    expect(server.requests[1].headers["x-acs-security-token"]).toBe("sts-env-XYZ");
    expect(server.requests[0].headers["x-acs-security-token"]).toBe("sts-env-XYZ");
  });

  it("config alicloud:securityToken travels with config keys", async () => {
    await keyUsed({ config: { ...all.config, "alicloud:securityToken": "sts-config-XYZ" } });
    expect(server.requests[0].headers["x-acs-security-token"]).toBe("sts-config-XYZ");
  });

  it("CLI profile: alicloud:profile > ALIBABA_CLOUD_PROFILE > ALICLOUD_PROFILE > the file's current", async () => {
    expect(
      await keyUsed({ config: { "alicloud:profile": "ops" }, env: { ALIBABA_CLOUD_PROFILE: "sts" } }),
    ).toBe("id-profile-ops");
    expect(await keyUsed({ env: { ALIBABA_CLOUD_PROFILE: "sts", ALICLOUD_PROFILE: "ops" } })).toBe(
      "id-profile-sts",
    );
    expect(server.requests[1].headers["x-acs-security-token"]).toBe("sts-from-profile-XYZ");
    expect(await keyUsed({ env: { ALICLOUD_PROFILE: "ops" } })).toBe("id-profile-ops");
    expect(await keyUsed({})).toBe("id-profile");
    expect(server.requests[0].headers["x-acs-security-token"]).toBeUndefined();
  });

  it("credentials are resolved when a call is made, not at construction", async () => {
    const env: NodeJS.ProcessEnv = {};
    const empty = tempHome();
    try {
      const c = client({ env, homeDir: empty.dir });
      env.ALICLOUD_ACCESS_KEY = "id-env";
      env.ALICLOUD_SECRET_KEY = SECRETS["id-env"];
      await c.describeVpnGateway(GW);
      expect(verifyAcs3(server.requests[0], SECRETS).accessKeyId).toBe("id-env");
    } finally {
      empty.remove();
    }
  });

  it("when none is found, the error lists every place looked at and no request is made", async () => {
    const empty = tempHome();
    try {
      const err = (await client({ homeDir: empty.dir })
        .describeVpnGateway(GW)
        .catch((e: unknown) => e)) as CredentialsNotFoundError;
      expect(err).toBeInstanceOf(CredentialsNotFoundError);
      expect(err.name).toBe("CredentialsNotFoundError");
      expect(server.requests).toHaveLength(0);
      expect(err.searched).toHaveLength(7);
      expect(err.message).toContain(
        "or sign in without keys: alicloud:assumeRoleWithOidc (CI with OIDC), alicloud:ecsRoleName",
      );
      expect(err.message).toContain("1. client option `credentials`: not given");
      expect(err.message).toContain("2. Pulumi config alicloud:accessKey / alicloud:secretKey");
      expect(err.message).toMatch(
        /3\. environment ALICLOUD_ACCESS_KEY or ALIBABA_CLOUD_ACCESS_KEY_ID .*: not set/,
      );
      expect(err.message).toContain(
        `7. aliyun CLI profile (current) in ${empty.dir}/.aliyun/config.json: file not found`,
      );
    } finally {
      empty.remove();
    }
  });

  it("says why a source did not count: half a pair, a missing profile, an unsupported mode, broken JSON", () => {
    const ctx = (config: Record<string, string>, env: NodeJS.ProcessEnv, dir = home.dir) => ({
      config,
      env,
      homeDir: dir,
    });
    const e1 = catchError(() =>
      resolveCredentials(
        undefined,
        ctx(
          { "alicloud:secretKey": "lonely-secret-XYZ", "alicloud:profile": "nope" },
          { ALICLOUD_ACCESS_KEY: "id-half" },
        ),
      ),
    );
    expect(e1.searched[1]).toContain("alicloud:secretKey is set but alicloud:accessKey is missing");
    expect(e1.searched[2]).toContain("ALICLOUD_ACCESS_KEY is set but the secret is missing");
    expect(e1.searched[6]).toBe(
      `aliyun CLI profile "nope" (from alicloud:profile) in ${home.dir}/.aliyun/config.json: no such profile in the file`,
    );
    const e2 = catchError(() => resolveCredentials(undefined, ctx({ "alicloud:profile": "sso" }, {})));
    expect(e2.searched[6]).toContain('mode "CloudSSO" is not supported');
    const broken = tempHome(
      '{"profiles":[{"name":"default","access_key_secret":"secret-in-broken-file-XYZ",',
    );
    try {
      const e3 = catchError(() => resolveCredentials(undefined, ctx({}, {}, broken.dir)));
      expect(e3.searched[6]).toContain("file is not valid JSON");
      expect(inspect(e3, { depth: null })).not.toContain("secret-in-broken-file-XYZ");
    } finally {
      broken.remove();
    }
    for (const e of [e1, e2]) expect(inspect(e, { depth: null })).not.toMatch(/XYZ/);
  });

  it("no secret or STS token appears in any error (message, stack, cause, inspect)", async () => {
    const secret = "SUPER-SECRET-VALUE-123";
    const token = "STS-TOKEN-VALUE-456";
    const creds = { accessKeyId: "id-unknown", accessKeySecret: secret, securityToken: token };
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) =>
      p.then(
        () => errors.push(new Error("expected a failure, got a result")),
        (e: unknown) => errors.push(e),
      );

    // An API error (bad signature for an unknown key), final.
    await collect(client({ credentials: creds }).describeVpnGateway(GW));
    // A network error (nothing listening): retried briefly, then final with advice about the endpoint.
    const closed = await startApiServer(() => undefined);
    const time = fakeTime();
    await closed.close();
    await collect(
      client({
        endpoint: closed.endpoint,
        credentials: creds,
        deadlineMs: 1_000,
        clock: time.clock,
        sleep: time.sleep,
      }).describeVpnGateway(GW),
    );
    // RPC: the token travels in the body.
    await collect(client({ credentials: creds, signatureVersion: "RPC" }).describeVpnGateway(GW));
    // Half-configured sources holding secrets.
    await collect(
      client({
        config: { "alicloud:secretKey": secret, "alicloud:securityToken": token },
        homeDir: "/nonexistent",
      }).describeVpnGateway(GW),
    );
    await collect(
      client({
        env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret, ALICLOUD_SECURITY_TOKEN: token },
        homeDir: "/nonexistent",
      }).describeVpnGateway(GW),
    );
    // Insecure endpoint with valid credentials.
    await collect(client({ credentials: creds, endpoint: "http://10.0.0.1:8080" }).describeVpnGateway(GW));

    expect(errors).toHaveLength(6);
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "VpcApiError",
      "VpcApiError",
      "VpcApiError",
      "CredentialsNotFoundError",
      "CredentialsNotFoundError",
      "InsecureEndpointError",
    ]);
    for (const err of errors) {
      const text = [
        String(err),
        (err as Error).stack,
        inspect(err, { depth: null, showHidden: true }),
        JSON.stringify(err),
      ].join("\n");
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
    }
  });
});

function catchError(fn: () => unknown): CredentialsNotFoundError {
  try {
    fn();
  } catch (err) {
    return err as CredentialsNotFoundError;
  }
  throw new Error("expected CredentialsNotFoundError");
}
