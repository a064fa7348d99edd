/**
 * `pulumi up` with the VPC endpoint pointing at a closed port: an endpoint that cannot be reached is not a slow
 * gateway. Before, the provider retried the refused connection until its 10-minute deadline and then advised
 * raising the deadline; now connect failures are retried for about 15 s and the update fails with a message
 * that names the endpoint, where it came from, and how to check it.
 */
import * as net from "net";
import { describeWithPulumi } from "./engine-suite";
import { createPulumiProject, PulumiCommandError, type PulumiProject } from "./harness";

/** The bound; the update takes about 20 s here (15 s of retries, the engine's start and stop). */
const FAILS_WITHIN_MS = 60_000;
jest.setTimeout(FAILS_WITHIN_MS * 3);

const GW = "vpn-bp1closed0gateway0001";
const VCO = "vco-bp1closed0tunnel00001";

const PROGRAM = `"use strict";
const { VpnRouteEntry } = require("alicloud-vpn-routes");
new VpnRouteEntry("to-dc", { vpnGatewayId: "${GW}", nextHop: "${VCO}", routeDest: "10.60.0.0/16", weight: 100, publishVpc: true });
`;

/** A port on 127.0.0.1 that nothing listens on: bound once for a number, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeWithPulumi("an endpoint that cannot be reached", () => {
  let project: PulumiProject;
  let endpoint: string;

  beforeAll(async () => {
    endpoint = `http://127.0.0.1:${await closedPort()}`;
    project = await createPulumiProject({
      name: "closed-port",
      files: { "index.js": PROGRAM },
      installPackage: true,
      commandTimeoutMs: FAILS_WITHIN_MS * 2,
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIclosedport0001",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "closed-port-secret",
        ALIBABA_CLOUD_REGION: "cn-hangzhou",
        ALIBABA_CLOUD_ENDPOINT_VPC: endpoint,
      },
    });
  });
  afterAll(async () => {
    await project?.dispose();
  });

  it("pulumi up fails in under a minute, naming the endpoint, its source and how to check it", async () => {
    const startedAt = Date.now();
    const failed = await project.up({ skipPreview: true }).catch((e: unknown) => e);
    const tookMs = Date.now() - startedAt;
    expect(failed).toBeInstanceOf(PulumiCommandError);
    const { report } = failed as PulumiCommandError;
    console.log(`closed-port endpoint: pulumi up failed after ${(tookMs / 1000).toFixed(1)} s`);
    expect(tookMs).toBeLessThan(FAILS_WITHIN_MS);
    const errors = (report?.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message);
    const message = errors.join("\n");
    expect(message).toContain(
      `Nothing accepts connections at ${endpoint} (the VPC endpoint from environment ALIBABA_CLOUD_ENDPOINT_VPC)`,
    );
    expect(message).toContain("change ALIBABA_CLOUD_ENDPOINT_VPC, or unset it");
    expect(message).not.toContain("Raise the deadline");
    expect(message).not.toContain("if the gateway is slow");
  });
});
