import {
  ConfigurationError,
  InsecureEndpointError,
  RegionNotFoundError,
  VpcClient,
  deadlineMsFromConfig,
  isLoopback,
  resolveEndpoint,
  resolveRegion,
  type ResolutionContext,
} from "../../provider/api";
import { startApiServer, sendJson, type ApiServer } from "./helpers/apiServer";
import { tempHome } from "./helpers/tempHome";

const KEY = { accessKeyId: "id-e", accessKeySecret: "secret-e" };

function ctx(
  config: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
  homeDir = "/nonexistent",
): ResolutionContext {
  return { config, env, homeDir };
}

describe("endpoint resolution", () => {
  it("defaults to https://vpc.<region>.aliyuncs.com", () => {
    expect(resolveEndpoint(undefined, "eu-central-1", ctx(), false)).toMatchObject({
      origin: "https://vpc.eu-central-1.aliyuncs.com",
      host: "vpc.eu-central-1.aliyuncs.com",
      secure: true,
      loopback: false,
    });
  });

  it("option > alicloud-vpn:endpoint > alicloud:endpoints (vpc) > ALIBABA_CLOUD_ENDPOINT_VPC > VPC_ENDPOINT > default", () => {
    const config = {
      "alicloud-vpn:endpoint": "https://own.example.test",
      "alicloud:endpoints": JSON.stringify([
        { ecs: "ecs.example.test" },
        { vpc: "vpc-endpoints.example.test" },
      ]),
    };
    const env = {
      ALIBABA_CLOUD_ENDPOINT_VPC: "https://sdk-env.example.test",
      VPC_ENDPOINT: "tf-env.example.test",
    };
    const origin = (option: string | undefined, c: Record<string, string>, e: NodeJS.ProcessEnv) =>
      resolveEndpoint(option, "cn-hangzhou", ctx(c, e), false).origin;

    expect(origin("https://option.example.test", config, env)).toBe("https://option.example.test");
    expect(origin(undefined, config, env)).toBe("https://own.example.test");
    expect(origin(undefined, { "alicloud:endpoints": config["alicloud:endpoints"] }, env)).toBe(
      "https://vpc-endpoints.example.test",
    );
    // One object (not a list) is accepted too; an endpoints entry without vpc falls through.
    expect(origin(undefined, { "alicloud:endpoints": '{"vpc":"obj.example.test"}' }, {})).toBe(
      "https://obj.example.test",
    );
    expect(origin(undefined, { "alicloud:endpoints": '[{"ecs":"x"}]' }, env)).toBe(
      "https://sdk-env.example.test",
    );
    expect(origin(undefined, {}, { VPC_ENDPOINT: env.VPC_ENDPOINT })).toBe("https://tf-env.example.test");
    expect(origin(undefined, {}, {})).toBe("https://vpc.cn-hangzhou.aliyuncs.com");
  });

  it("rejects malformed endpoint configuration with a ConfigurationError", () => {
    expect(() => resolveEndpoint(undefined, "r", ctx({ "alicloud:endpoints": "[{vpc:" }), false)).toThrow(
      ConfigurationError,
    );
    expect(() => resolveEndpoint("ftp://x.test", "r", ctx(), false)).toThrow(/unsupported scheme/);
    expect(() => resolveEndpoint("http://", "r", ctx(), false)).toThrow(ConfigurationError);
  });

  it.each([
    ["127.0.0.1", true],
    ["127.45.6.7", true],
    ["localhost", true],
    ["LOCALHOST", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["128.0.0.1", false],
    ["100.100.100.200", false],
    ["localhost.example.com", false],
    ["vpc.cn-hangzhou.aliyuncs.com", false],
  ])("isLoopback(%s) is %s", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });

  it("plain http is allowed to loopback hosts, including [::1]", () => {
    expect(resolveEndpoint("http://[::1]:8080", "r", ctx(), false)).toMatchObject({
      host: "[::1]:8080",
      loopback: true,
    });
    expect(resolveEndpoint("http://localhost:1", "r", ctx(), false).loopback).toBe(true);
  });

  it("plain http to a non-loopback host is refused, wherever the endpoint came from", () => {
    expect(() => resolveEndpoint("http://10.0.0.1", "r", ctx(), false)).toThrow(InsecureEndpointError);
    expect(() =>
      resolveEndpoint(undefined, "r", ctx({}, { VPC_ENDPOINT: "http://vpc.example.test" }), false),
    ).toThrow(/Refusing plain http to http:\/\/vpc\.example\.test \(from environment VPC_ENDPOINT\)/);
    expect(resolveEndpoint("http://10.0.0.1", "r", ctx(), true).secure).toBe(false);
  });
});

describe("http to a non-loopback endpoint makes no request", () => {
  let server: ApiServer;
  const clients: VpcClient[] = [];
  beforeEach(async () => {
    server = await startApiServer((_req, res) => sendJson(res, 200, { RequestId: "r", Status: "active" }));
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await server.close();
  });

  // 0.0.0.0 is not loopback by our rule, yet on this machine a connection to it reaches the local test
  // server: so the server would see any request the client let through. Nothing leaves the host.
  it("refuses http://0.0.0.0:PORT (0 requests); with allowInsecureHttp the same call gets through (1 request)", async () => {
    const endpoint = `http://0.0.0.0:${server.port}`;
    const refused = new VpcClient({ endpoint, credentials: KEY, region: "cn-hangzhou" });
    clients.push(refused);
    const err = await refused.describeVpnGateway({ VpnGatewayId: "vpn-1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsecureEndpointError);
    expect((err as Error).name).toBe("InsecureEndpointError");
    expect(server.requests).toHaveLength(0);

    const allowed = new VpcClient({
      endpoint,
      credentials: KEY,
      region: "cn-hangzhou",
      allowInsecureHttp: true,
    });
    clients.push(allowed);
    await allowed.describeVpnGateway({ VpnGatewayId: "vpn-1" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("region resolution", () => {
  it("call > client option > alicloud:region > ALICLOUD_REGION > ALIBABA_CLOUD_REGION > profile region_id", () => {
    const home = tempHome({ current: "p", profiles: [{ name: "p", mode: "AK", region_id: "from-profile" }] });
    try {
      const config = { "alicloud:region": "from-config" };
      const env = { ALICLOUD_REGION: "from-tf-env", ALIBABA_CLOUD_REGION: "from-sdk-env" };
      const r = (
        call: string | undefined,
        option: string | undefined,
        c: Record<string, string>,
        e: NodeJS.ProcessEnv,
      ) => resolveRegion("X", call, option, ctx(c, e, home.dir));
      expect(r("from-call", "from-option", config, env)).toBe("from-call");
      expect(r(undefined, "from-option", config, env)).toBe("from-option");
      expect(r(undefined, undefined, config, env)).toBe("from-config");
      expect(r(undefined, undefined, {}, env)).toBe("from-tf-env");
      expect(r(undefined, undefined, {}, { ALIBABA_CLOUD_REGION: "from-sdk-env" })).toBe("from-sdk-env");
      expect(r(undefined, undefined, {}, {})).toBe("from-profile");
    } finally {
      home.remove();
    }
  });

  it("a clear RegionNotFoundError when nothing names a region, before any request", async () => {
    const server = await startApiServer((_req, res) => sendJson(res, 200, { RequestId: "r" }));
    const client = new VpcClient({
      endpoint: server.endpoint,
      credentials: KEY,
      env: {},
      homeDir: "/nonexistent",
    });
    try {
      expect(client.region).toBeUndefined();
      const err = (await client
        .describeVpnGateway({ VpnGatewayId: "vpn-1" })
        .catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(RegionNotFoundError);
      expect(err.name).toBe("RegionNotFoundError");
      expect(err.message).toContain("No region for VPC API DescribeVpnGateway");
      expect(err.message).toContain("alicloud:region");
      expect(err.message).toContain("ALICLOUD_REGION or ALIBABA_CLOUD_REGION");
      expect(server.requests).toHaveLength(0);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it("the client's region fills RegionId on the wire; the call's own RegionId wins", async () => {
    const server = await startApiServer((_req, res) => sendJson(res, 200, { RequestId: "r" }));
    const client = new VpcClient({
      endpoint: server.endpoint,
      credentials: KEY,
      env: { ALICLOUD_REGION: "ap-southeast-1" },
      homeDir: "/nonexistent",
    });
    try {
      expect(client.region).toBe("ap-southeast-1");
      await client.describeVpnGateway({ VpnGatewayId: "vpn-1" });
      await client.describeVpnGateway({ VpnGatewayId: "vpn-1", RegionId: "us-west-1" });
      expect(server.requests.map((r) => r.query.RegionId)).toEqual(["ap-southeast-1", "us-west-1"]);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe("deadline configuration", () => {
  it("is read once, by deadlineMsFromConfig: seconds to ms, default 10 minutes, nonsense refused with its fix", () => {
    expect(deadlineMsFromConfig({})).toBe(600_000);
    expect(deadlineMsFromConfig({ "alicloud-vpn:deadlineSeconds": "1.5" })).toBe(1500);
    for (const text of ["ten", "0", "-5", ""]) {
      const err = (() => {
        try {
          return deadlineMsFromConfig({ "alicloud-vpn:deadlineSeconds": text });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as Error).message).toBe(
        `alicloud-vpn:deadlineSeconds must be a positive number of seconds; got "${text}". Fix it with: pulumi config set alicloud-vpn:deadlineSeconds 600`,
      );
    }
  });

  it("a malformed alicloud-vpn:deadlineSeconds rejects (never throws synchronously) and makes no request", async () => {
    const server = await startApiServer((_req, res) => sendJson(res, 200, { RequestId: "r" }));
    const client = new VpcClient({
      endpoint: server.endpoint,
      credentials: KEY,
      region: "cn-hangzhou",
      config: { "alicloud-vpn:deadlineSeconds": "soon" },
    });
    try {
      const calls = [
        () => client.describeVpnRouteEntries({ VpnGatewayId: "vpn-1" }),
        () => client.describeVpnPbrRouteEntriesPage({ VpnGatewayId: "vpn-1", PageNumber: 1 }),
        () =>
          client.deleteVpnRouteEntry({
            VpnGatewayId: "vpn-1",
            RouteDest: "10.0.0.0/8",
            NextHop: "v",
            Weight: 0,
          }),
        () => client.waitForGatewayActive({ VpnGatewayId: "vpn-1" }),
      ];
      for (const call of calls) {
        let promise: Promise<unknown> | undefined;
        expect(() => (promise = call())).not.toThrow();
        await expect(promise).rejects.toThrow(
          'alicloud-vpn:deadlineSeconds must be a positive number of seconds; got "soon". Fix it with: pulumi config set alicloud-vpn:deadlineSeconds 600',
        );
        await expect(call()).rejects.toBeInstanceOf(ConfigurationError);
      }
      expect(server.requests).toHaveLength(0);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
