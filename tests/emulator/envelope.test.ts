/** CHOICES.md rows about the signing envelope that no other suite covers: signature method/version, body size. */
import { fixture, type Fixture, GW, REGION } from "./helpers/fixture";
import { rawRpc, send } from "./helpers/raw";

const DESCRIBE = { RegionId: REGION, VpnGatewayId: GW };

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});
afterEach(() => f.emulator.stop());

test("a SignatureMethod other than HMAC-SHA1 or a SignatureVersion other than 1.0 is InvalidParameter (400)", async () => {
  const method = await rawRpc(f.emulator, "DescribeVpnGateway", {
    ...DESCRIBE,
    SignatureMethod: "HMAC-SHA256",
  });
  expect(method.status).toBe(400);
  expect(method.body).toMatchObject({ Code: "InvalidParameter" });
  const version = await rawRpc(f.emulator, "DescribeVpnGateway", { ...DESCRIBE, SignatureVersion: "2.0" });
  expect(version.status).toBe(400);
  expect(version.body).toMatchObject({ Code: "InvalidParameter" });
});

test("a request body above 1 MiB is InvalidParameter with HTTP 413", async () => {
  const body = `Description=${"a".repeat(1024 * 1024 + 1)}`;
  const res = await send(
    f.emulator,
    "POST",
    "/",
    { "content-type": "application/x-www-form-urlencoded" },
    body,
  );
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ Code: "InvalidParameter" });
});
