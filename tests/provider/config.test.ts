import { deadlineMsFromConfig } from "../../provider/api";
import { readStackConfig } from "../../provider/runtime";
import { stackConfig } from "./world";

describe("stack configuration", () => {
  it("takes the alicloud and alicloud-vpn keys and nothing else", () => {
    const config = stackConfig({
      "alicloud:accessKey": "id",
      "alicloud:secretKey": "secret",
      "alicloud:region": "cn-beijing",
      "alicloud-vpn:endpoint": "http://127.0.0.1:1",
      "alicloud-vpn:deadlineSeconds": "30",
      "myproject:other": "x",
    });
    expect(readStackConfig(config)).toEqual({
      "alicloud:accessKey": "id",
      "alicloud:secretKey": "secret",
      "alicloud:region": "cn-beijing",
      "alicloud-vpn:endpoint": "http://127.0.0.1:1",
      "alicloud-vpn:deadlineSeconds": "30",
    });
  });

  it("passes structured values on as JSON text", () => {
    const endpoints = [{ vpc: "vpc.example.internal" }];
    const config = {
      get: (k: string) => (k === "alicloud:endpoints" ? (endpoints as unknown as string) : undefined),
      require: () => "",
    };
    expect(readStackConfig(config)).toEqual({ "alicloud:endpoints": JSON.stringify(endpoints) });
  });

  it("reads the deadline in seconds and refuses nonsense with the command that fixes it", () => {
    expect(deadlineMsFromConfig({})).toBe(600_000);
    expect(deadlineMsFromConfig({ "alicloud-vpn:deadlineSeconds": "1.5" })).toBe(1500);
    expect(() => deadlineMsFromConfig({ "alicloud-vpn:deadlineSeconds": "ten" })).toThrow(
      'alicloud-vpn:deadlineSeconds must be a positive number of seconds; got "ten". Fix it with: pulumi config set alicloud-vpn:deadlineSeconds 600',
    );
  });
});
