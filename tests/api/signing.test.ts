import OpenApiUtil from "@alicloud/openapi-util";
import {
  acs3Authorization,
  percentEncode,
  rpcSignature,
  rpcStringToSign,
  sha256Hex,
} from "../../provider/api/signing";
import { seeded } from "../support/seededRandom";

const ALPHABET = [
  ..."abcXYZ019-_.~",
  " ",
  ..."*~+/=&%'()!",
  "中",
  "文",
  "é",
  "ü",
  "😀",
  "\u00a0",
  ":",
  "#",
  "?",
];

function generateCases(count: number, seed: number) {
  const rnd = seeded(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const text = (max: number) =>
    Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(ALPHABET)).join("");
  return Array.from({ length: count }, (_, i) => {
    const params: Record<string, string> = {
      Action: "CreateVpnRouteEntry",
      Version: "2016-04-28",
      RouteDest: `10.${i % 256}.0.0/16`,
    };
    const extra = 1 + Math.floor(rnd() * 5);
    for (let k = 0; k < extra; k++) params[`Param${String.fromCharCode(65 + k)}${i}`] = text(24);
    return { params, secret: text(30), method: rnd() < 0.5 ? "POST" : "GET" };
  });
}

const CASES = generateCases(250, 20161228);

describe("RPC HMAC-SHA1 signing", () => {
  it("reproduces Alibaba's published vector", () => {
    const params = {
      AccessKeyId: "testid",
      Action: "DescribeRegions",
      Format: "XML",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      SignatureVersion: "1.0",
      Timestamp: "2016-02-23T12:46:24Z",
      Version: "2014-05-26",
    };
    expect(rpcStringToSign("GET", params)).toBe(
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    );
    expect(rpcSignature("GET", params, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("never signs the Signature parameter itself", () => {
    const params = { Action: "DescribeVpnGateway", Timestamp: "2026-01-01T00:00:00Z" };
    expect(rpcSignature("POST", { ...params, Signature: "abc" }, "s")).toBe(
      rpcSignature("POST", params, "s"),
    );
  });

  it(`matches @alicloud/openapi-util byte for byte on ${CASES.length} generated parameter sets`, () => {
    const mismatches = CASES.filter(
      ({ params, secret, method }) =>
        rpcSignature(method, params, secret) !== OpenApiUtil.getRPCSignature(params, method, secret),
    );
    expect(mismatches).toEqual([]);
  });
});

describe("ACS3-HMAC-SHA256 signing", () => {
  it(`matches @alicloud/openapi-util byte for byte on ${CASES.length} generated requests`, () => {
    const mismatches = CASES.filter(({ params, secret, method }, i) => {
      const body =
        i % 3 === 0 ? "" : `RouteDest=${percentEncode(params.RouteDest)}&X=${percentEncode(secret)}`;
      const headers: Record<string, string> = {
        host: "vpc.cn-hangzhou.aliyuncs.com",
        "x-acs-action": "CreateVpnRouteEntry",
        "x-acs-version": "2016-04-28",
        "x-acs-date": "2026-11-22T03:15:20Z",
        "x-acs-signature-nonce": `nonce-${i}`,
        "x-acs-content-sha256": sha256Hex(body),
        "user-agent": "not signed",
      };
      if (i % 2 === 0) headers["content-type"] = "application/x-www-form-urlencoded";
      if (i % 5 === 0) headers["x-acs-security-token"] = `sts ${secret}`;
      const ours = acs3Authorization({ method, pathname: "/", query: params, headers, body }, "AKID", secret);
      const oracle = OpenApiUtil.getAuthorization(
        { pathname: "/", method, query: params, headers } as never,
        "ACS3-HMAC-SHA256",
        sha256Hex(body),
        "AKID",
        secret,
      );
      return ours !== oracle;
    });
    expect(mismatches).toEqual([]);
  });

  it("names the signed headers, sorted and lower-cased, leaving others out", () => {
    const auth = acs3Authorization(
      {
        method: "POST",
        pathname: "/",
        query: {},
        headers: { "X-Acs-Action": "A", Host: "h", "User-Agent": "u", "x-acs-version": "v" },
        body: "",
      },
      "AKID",
      "secret",
    );
    expect(auth).toMatch(
      /^ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-action;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
  });
});
