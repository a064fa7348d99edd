/** Authentication as the API does it: both schemes, every way a signature is refused, STS tokens. */
import { popCore, vpcSdk, failure } from "./helpers/drivers";
import { type Fixture, fixture, onGw } from "./helpers/fixture";
import { rawAcs3, rawRpc, utcTimestamp } from "./helpers/raw";

const STS = { accessKeyId: "STS.test-key", accessKeySecret: "sts-secret", securityToken: "token-abc" };
const OTHER = { accessKeyId: "LTAIother", accessKeySecret: "other-secret" };
const DESCRIBE = { RegionId: "cn-hangzhou", VpnGatewayId: "vpn-test0000000000000001" };
const MINUTE = 60_000;

let f: Fixture;
beforeEach(async () => {
  f = await fixture({
    credentials: [{ accessKeyId: "LTAImain", accessKeySecret: "main-secret" }, STS],
  });
});
afterEach(() => f.emulator.stop());

describe("HMAC-SHA1", () => {
  test.each(["query", "form", "split"] as const)("parameters in the %s are accepted", async (placement) => {
    const res = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, { placement });
    expect(res.status).toBe(200);
    expect(res.body.VpnGatewayId).toBe(DESCRIBE.VpnGatewayId);
  });

  test("a wrong secret is SignatureDoesNotMatch (400), through the official client", async () => {
    const bad = popCore(f.emulator, "POST", { accessKeyId: "LTAImain", accessKeySecret: "wrong" });
    expect(await failure(bad.call("DescribeVpnGateway", DESCRIBE))).toMatchObject({
      code: "SignatureDoesNotMatch",
      status: 400,
    });
  });

  test("a body changed after signing is SignatureDoesNotMatch", async () => {
    const res = await rawRpc(
      f.emulator,
      "DescribeVpnGateway",
      { ...DESCRIBE },
      { placement: "split", tamper: (p) => (p.VpnGatewayId = "vpn-x") },
    );
    expect([res.status, res.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  test("the signature covers the HTTP method", async () => {
    const asSigned = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      method: "POST",
      signAs: "POST",
    });
    expect(asSigned.status).toBe(200);
    const signedGetSentPost = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      method: "POST",
      signAs: "GET",
    });
    expect([signedGetSentPost.status, signedGetSentPost.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  test("an unknown key is InvalidAccessKeyId.NotFound (404)", async () => {
    const bad = popCore(f.emulator, "GET", { accessKeyId: "LTAInobody", accessKeySecret: "x" });
    expect(await failure(bad.call("DescribeVpnGateway", DESCRIBE))).toMatchObject({
      code: "InvalidAccessKeyId.NotFound",
      status: 404,
    });
  });

  test("clock skew beyond 15 minutes is InvalidTimeStamp.Expired; within it is accepted", async () => {
    const now = f.clock.now();
    const stale = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      timestamp: utcTimestamp(now - 16 * MINUTE),
    });
    expect([stale.status, stale.body.Code]).toEqual([400, "InvalidTimeStamp.Expired"]);
    const future = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      timestamp: utcTimestamp(now + 16 * MINUTE),
    });
    expect(future.body.Code).toBe("InvalidTimeStamp.Expired");
    const skewed = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      timestamp: utcTimestamp(now - 14 * MINUTE),
    });
    expect(skewed.status).toBe(200);
  });

  test("the official client is refused when the server's clock is 16 minutes ahead", async () => {
    f.clock.advance(16 * MINUTE);
    expect(await failure(popCore(f.emulator).call("DescribeVpnGateway", DESCRIBE))).toMatchObject({
      code: "InvalidTimeStamp.Expired",
    });
    expect(await failure(vpcSdk(f.emulator).call("DescribeVpnGateway", DESCRIBE))).toMatchObject({
      code: "InvalidTimeStamp.Expired",
    });
  });

  test("a malformed timestamp is InvalidTimeStamp.Format", async () => {
    const res = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, { timestamp: "yesterday" });
    expect(res.body.Code).toBe("InvalidTimeStamp.Format");
  });

  test("a nonce seen before is SignatureNonceUsed, even on a freshly signed request", async () => {
    const first = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, { nonce: "n-1" });
    expect(first.status).toBe(200);
    const again = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      nonce: "n-1",
      placement: "form",
    });
    expect([again.status, again.body.Code]).toEqual([400, "SignatureNonceUsed"]);
  });

  test("a badly signed request does not spend its nonce", async () => {
    const forged = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      nonce: "n-2",
      keys: { accessKeyId: "LTAImain", accessKeySecret: "wrong" },
    });
    expect(forged.body.Code).toBe("SignatureDoesNotMatch");
    expect((await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, { nonce: "n-2" })).status).toBe(200);
  });

  test("a missing common parameter is MissingParameter naming it", async () => {
    const res = await rawRpc(f.emulator, "DescribeVpnGateway", DESCRIBE, { nonce: "" });
    expect([res.status, res.body.Code]).toEqual([400, "MissingParameter"]);
    expect(res.body.Message).toContain("SignatureNonce");
  });
});

describe("ACS3-HMAC-SHA256", () => {
  test.each(["query", "form"] as const)("action parameters in the %s are accepted", async (placement) => {
    const res = await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, { placement });
    expect(res.status).toBe(200);
    expect(res.body.VpnGatewayId).toBe(DESCRIBE.VpnGatewayId);
  });

  test("a wrong secret is SignatureDoesNotMatch, through the official client", async () => {
    const bad = vpcSdk(f.emulator, "acs3", { accessKeyId: "LTAImain", accessKeySecret: "wrong" });
    expect(await failure(bad.call("DescribeVpnGateway", DESCRIBE))).toMatchObject({
      code: "SignatureDoesNotMatch",
      status: 400,
    });
  });

  test("a body that does not match x-acs-content-sha256 is SignatureDoesNotMatch", async () => {
    const sentBody = new URLSearchParams({ ...DESCRIBE, VpnGatewayId: "vpn-other" }).toString();
    const res = await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, { placement: "form", sentBody });
    expect([res.status, res.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  test("an x-acs-* header outside the signature is IncompleteSignature", async () => {
    const res = await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      unsignedHeaders: { "x-acs-security-token": "smuggled" },
    });
    expect([res.status, res.body.Code]).toEqual([400, "IncompleteSignature"]);
  });

  test("an unknown key, a stale date and a reused nonce are refused with the API's codes", async () => {
    const unknown = await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, { keys: OTHER });
    expect([unknown.status, unknown.body.Code]).toEqual([404, "InvalidAccessKeyId.NotFound"]);
    const stale = await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, {
      date: utcTimestamp(f.clock.now() - 20 * MINUTE),
    });
    expect(stale.body.Code).toBe("InvalidTimeStamp.Expired");
    expect((await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, { nonce: "acs3-n" })).status).toBe(200);
    const reused = await rawAcs3(f.emulator, "DescribeVpnGateway", DESCRIBE, { nonce: "acs3-n" });
    expect([reused.status, reused.body.Code]).toEqual([400, "SignatureNonceUsed"]);
  });
});

describe("STS security tokens", () => {
  test.each([
    ["pop-core", () => popCore(f.emulator, "POST", STS)],
    ["vpc20160428 ACS3", () => vpcSdk(f.emulator, "acs3", STS)],
    ["vpc20160428 HMAC-SHA1", () => vpcSdk(f.emulator, "v2", STS)],
  ])("the configured token is accepted from %s", async (_n, driver) => {
    expect((await driver().call("DescribeVpnGateway", DESCRIBE)).Status).toBe("active");
  });

  test("a missing or different token is refused", async () => {
    const { securityToken: _omit, ...withoutToken } = STS;
    expect(
      await failure(popCore(f.emulator, "POST", withoutToken).call("DescribeVpnGateway", DESCRIBE)),
    ).toMatchObject({ code: "MissingSecurityToken" });
    expect(
      await failure(
        vpcSdk(f.emulator, "acs3", { ...STS, securityToken: "forged" }).call("DescribeVpnGateway", DESCRIBE),
      ),
    ).toMatchObject({
      code: "InvalidSecurityToken.MismatchWithAccessKey",
    });
  });

  test("the token is never written to the request log", async () => {
    await popCore(f.emulator, "POST", STS).call("DescribeVpnGateway", DESCRIBE);
    const logged = JSON.stringify(f.emulator.requestLog());
    expect(logged).not.toContain(STS.securityToken);
    expect(logged).not.toContain(STS.accessKeySecret);
    expect(logged).not.toContain('Signature":');
  });
});

describe("envelope", () => {
  test("an unknown action is InvalidAction.NotFound (404)", async () => {
    expect(await failure(popCore(f.emulator).call("DescribeEverything", {}))).toMatchObject({
      code: "InvalidAction.NotFound",
      status: 404,
    });
  });

  test("a version other than 2016-04-28 is refused", async () => {
    const RPCClient = require("@alicloud/pop-core");
    const old = new RPCClient({
      ...f.emulator.credentials,
      endpoint: f.emulator.endpoint,
      apiVersion: "2014-05-26",
    });
    await expect(old.request("DescribeVpnGateway", DESCRIBE)).rejects.toMatchObject({
      code: "InvalidVersion",
    });
  });

  test("error bodies carry RequestId, HostId, Code, Message and Recommend", async () => {
    const res = await rawRpc(f.emulator, "DescribeVpnGateway", onGw({}, "vpn-missing"));
    expect(res.status).toBe(404);
    expect(Object.keys(res.body).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
    expect(res.body.Code).toBe("InvalidVpnGatewayInstanceId.NotFound");
    expect(res.headers["x-acs-request-id"]).toBe(res.body.RequestId);
  });
});
