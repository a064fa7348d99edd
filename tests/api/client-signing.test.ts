import Vpc, * as $Vpc from "@alicloud/vpc20160428";
import * as $OpenApi from "@alicloud/openapi-client";
import { VpcClient } from "../../provider/api";
import { packageVersion } from "../../provider/api/transport";
import { startApiServer, sendJson, paramsOf, type ApiServer } from "./helpers/apiServer";
import { fakeTime } from "./helpers/fakeTime";
import { verifyAcs3, verifyRpc } from "./helpers/verifySignature";

const KEY = { accessKeyId: "LTAI-test-id", accessKeySecret: "test-secret/with+odd=chars" };
const SECRETS = { [KEY.accessKeyId]: KEY.accessKeySecret };
const ROUTE = {
  RegionId: "cn-hangzhou",
  VpnGatewayId: "vpn-gw1",
  RouteDest: "10.0.0.0/24",
  NextHop: "vco-1",
  Weight: 100,
  PublishVpc: true,
  Description: "a route: with spaces, * and ~ and 中文",
};

describe("requests the client sends verify with the signing functions on the server side", () => {
  let server: ApiServer;
  let client: VpcClient | undefined;
  beforeEach(async () => {
    server = await startApiServer((_req, res) =>
      sendJson(res, 200, { RequestId: "req-1", VpnInstanceId: "vpn-gw1", RouteDest: "10.0.0.0/24" }),
    );
  });
  afterEach(async () => {
    client?.destroy();
    await server.close();
  });

  it("ACS3: POST / with parameters in the query, the x-acs headers, and a valid Authorization", async () => {
    const time = fakeTime();
    client = new VpcClient({ endpoint: server.endpoint, credentials: KEY, clock: time.clock });
    const result = await client.createVpnRouteEntry(ROUTE, { clientToken: "token-1" });

    expect(result.RequestId).toBe("req-1");
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req.method).toBe("POST");
    expect(req.url.startsWith("/?")).toBe(true);
    expect(req.body).toBe("");
    expect(req.headers["x-acs-action"]).toBe("CreateVpnRouteEntry");
    expect(req.headers["x-acs-version"]).toBe("2016-04-28");
    expect(req.headers["x-acs-date"]).toBe("2024-01-15T08:30:00Z");
    expect(req.headers["x-acs-signature-nonce"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(req.headers["x-acs-security-token"]).toBeUndefined();
    expect(req.query).toEqual({
      RegionId: "cn-hangzhou",
      VpnGatewayId: "vpn-gw1",
      RouteDest: "10.0.0.0/24",
      NextHop: "vco-1",
      Weight: "100",
      PublishVpc: "true",
      Description: ROUTE.Description,
      ClientToken: "token-1",
    });
    expect(verifyAcs3(req, SECRETS)).toEqual({ ok: true, accessKeyId: KEY.accessKeyId });
    // The check can fail: the same request against a different secret does not verify.
    expect(verifyAcs3(req, { [KEY.accessKeyId]: "other" }).ok).toBe(false);
  });

  it("ACS3 with STS: x-acs-security-token is sent and signed", async () => {
    client = new VpcClient({
      endpoint: server.endpoint,
      credentials: { ...KEY, securityToken: "sts-token-1" },
    });
    await client.describeVpnGateway({ RegionId: "cn-hangzhou", VpnGatewayId: "vpn-gw1" });
    const req = server.requests[0];
    expect(req.headers["x-acs-security-token"]).toBe("sts-token-1");
    expect(String(req.headers.authorization)).toContain("x-acs-security-token");
    expect(verifyAcs3(req, SECRETS).ok).toBe(true);
  });

  it("RPC: a form-encoded body with common parameters and a valid HMAC-SHA1 Signature", async () => {
    const time = fakeTime();
    client = new VpcClient({
      endpoint: server.endpoint,
      credentials: { ...KEY, securityToken: "sts-token-2" },
      signatureVersion: "RPC",
      clock: time.clock,
    });
    await client.createVpnRouteEntry({ ...ROUTE, PublishVpc: false, Weight: 0 }, { clientToken: "token-2" });
    const req = server.requests[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.form).toMatchObject({
      Action: "CreateVpnRouteEntry",
      Version: "2016-04-28",
      Format: "JSON",
      AccessKeyId: KEY.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      Timestamp: "2024-01-15T08:30:00Z",
      SecurityToken: "sts-token-2",
      PublishVpc: "false",
      Weight: "0",
      ClientToken: "token-2",
      Description: ROUTE.Description,
    });
    expect(req.form.SignatureNonce).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyRpc(req, SECRETS)).toEqual({ ok: true, accessKeyId: KEY.accessKeyId });
    expect(verifyRpc({ ...req, form: { ...req.form, Weight: "100" } }, SECRETS).ok).toBe(false);
  });

  it("sends a User-Agent naming the package and its version", async () => {
    client = new VpcClient({ endpoint: server.endpoint, credentials: KEY });
    await client.describeVpnGateway({ RegionId: "cn-hangzhou", VpnGatewayId: "vpn-gw1" });
    const pkg = require("../../package.json") as { name: string; version: string };
    expect(packageVersion()).toBe(pkg.version);
    expect(server.requests[0].headers["user-agent"]).toMatch(
      new RegExp(`^${pkg.name}/${pkg.version.replace(/\./g, "\\.")} `),
    );
  });

  it("reads get no ClientToken; each write gets one uuid v4 unless one is given", async () => {
    client = new VpcClient({ endpoint: server.endpoint, credentials: KEY });
    await client.describeVpnGateway({ RegionId: "cn-hangzhou", VpnGatewayId: "vpn-gw1" });
    await client.deleteVpnRouteEntry({
      RegionId: "cn-hangzhou",
      VpnGatewayId: "vpn-gw1",
      RouteDest: "10.0.0.0/24",
      NextHop: "vco-1",
      Weight: 0,
    });
    await client.deleteVpnRouteEntry({
      RegionId: "cn-hangzhou",
      VpnGatewayId: "vpn-gw1",
      RouteDest: "10.0.0.0/24",
      NextHop: "vco-1",
      Weight: 0,
    });
    const [read, w1, w2] = server.requests.map(paramsOf);
    expect(read.ClientToken).toBeUndefined();
    expect(w1.ClientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(w2.ClientToken).not.toBe(w1.ClientToken);
    expect(w1.Weight).toBe("0");
  });

  it("has the wire shape of the official SDK (@alicloud/vpc20160428 on openapi-client, ACS3)", async () => {
    const sts = { ...KEY, securityToken: "sts-token-3" };
    const route = {
      RegionId: "cn-hangzhou",
      VpnGatewayId: "vpn-gw1",
      RouteDest: "10.0.0.0/24",
      NextHop: "vco-1",
      Weight: 100,
      PublishVpc: true,
    };
    client = new VpcClient({ endpoint: server.endpoint, credentials: sts });
    await client.createVpnRouteEntry(route, { clientToken: "tok" });
    const SdkClient = Vpc as unknown as new (config: $OpenApi.Config) => {
      createVpnRouteEntry(req: unknown): Promise<unknown>;
    };
    const sdk = new SdkClient(
      new $OpenApi.Config({
        ...sts,
        endpoint: `127.0.0.1:${server.port}`,
        protocol: "http",
        regionId: "cn-hangzhou",
      }),
    );
    await sdk.createVpnRouteEntry(
      new $Vpc.CreateVpnRouteEntryRequest({
        regionId: "cn-hangzhou",
        vpnGatewayId: "vpn-gw1",
        routeDest: "10.0.0.0/24",
        nextHop: "vco-1",
        weight: 100,
        publishVpc: true,
        clientToken: "tok",
      }),
    );
    const [ours, theirs] = server.requests;
    const acsHeaders = (h: Record<string, unknown>) =>
      Object.keys(h)
        .filter((n) => n.startsWith("x-acs-") && n !== "x-acs-credentials-provider")
        .sort();
    expect(ours.method).toBe(theirs.method);
    expect(ours.url).toBe(theirs.url);
    expect(ours.body).toBe(theirs.body);
    expect(acsHeaders(ours.headers)).toEqual(acsHeaders(theirs.headers));
    expect(ours.headers["content-type"]).toBe(theirs.headers["content-type"]);
    // The server-side verifier accepts the official SDK's request too, so it checks the real scheme.
    expect(verifyAcs3(theirs, SECRETS).ok).toBe(true);
  });
});
