/**
 * The repository's own Pulumi project (Pulumi.yaml -> examples/landing-zone, TypeScript, type-checked by the
 * runner) with the demo stack's config (Pulumi.demo.yaml), against the emulator: `up`, the exact route tables
 * per gateway, a second preview with no changes, and `destroy` leaving every gateway empty. The branch gateway
 * lives in a member account, reached through AssumeRole (the emulator's STS, over https with a test certificate).
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VpcClient } from "../../provider/api";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, type PulumiProject } from "./harness";
import { REPO_ROOT } from "./pulumi-cli";
import { emulatorEnv, oncePerWrite } from "./emulator-env";
import { testTls } from "../support/testTls";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const EXAMPLE_DIR = path.join("examples", "landing-zone");

const MEMBER_KEY = { accessKeyId: "LTAImember0000000000001", accessKeySecret: "member-secret" };

interface GatewayConfig {
  vpnGatewayId: string;
  region: string;
}

/** The project as the repository has it: Pulumi.yaml at the root, the program under examples/landing-zone. */
function repositoryProjectFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "Pulumi.yaml": fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"),
    // The harness's stack is "test"; it takes the demo stack's config.
    "Pulumi.test.yaml": fs.readFileSync(path.join(REPO_ROOT, "Pulumi.demo.yaml"), "utf8"),
  };
  for (const name of fs.readdirSync(path.join(REPO_ROOT, EXAMPLE_DIR))) {
    files[path.join(EXAMPLE_DIR, name)] = fs.readFileSync(path.join(REPO_ROOT, EXAMPLE_DIR, name), "utf8");
  }
  return files;
}

describeWithPulumi("the landing zone (Pulumi.yaml + Pulumi.demo.yaml) against the emulator", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let gateways: Record<string, GatewayConfig>;
  let conn: Record<string, string>;
  let member: { accountId: string; roleArn: string };

  /** One line per route, sorted: `dest nextHop weight state`, policy routes prefixed with priority and source. */
  const table = (gw: GatewayConfig) => [
    ...emulator
      .routes(gw.vpnGatewayId)
      .map(
        (r) =>
          `${r.RouteDest} ${r.NextHop} ${r.Weight} ${r.State}${r.Description ? ` "${r.Description}"` : ""}`,
      )
      .sort(),
    ...emulator
      .pbrRoutes(gw.vpnGatewayId)
      .map((r) => `p${r.Priority} ${r.RouteSource} ${r.RouteDest} ${r.NextHop} ${r.Weight} ${r.State}`)
      .sort(),
  ];

  beforeAll(async () => {
    const tls = await testTls();
    emulator = await startEmulator({ configDelayMs: 20, seed: 17, gateways: [], sts: { tls } });
    project = await createPulumiProject({
      name: "landing-zone",
      files: repositoryProjectFiles(),
      installPackage: true,
      env: {
        ...emulatorEnv(emulator),
        ALIBABA_CLOUD_ENDPOINT_STS: emulator.stsEndpoint as string,
        NODE_EXTRA_CA_CERTS: tls.caFile,
      },
    });
    // The gateways come from the stack config, as `npm run demo` seeds them.
    const config = JSON.parse((await project.run(["config", "--json"])).stdout) as Record<
      string,
      { objectValue?: unknown; value: string }
    >;
    gateways = config["landing-zone:gateways"].objectValue as Record<string, GatewayConfig>;
    conn = config["landing-zone:connections"].objectValue as Record<string, string>;
    // The member account as `npm run demo` seeds it: it owns the branch gateway and a role that trusts ours.
    const memberAccount = config["landing-zone:memberAccount"].objectValue as {
      assumeRole: { roleArn: string; externalId: string };
      gateways: string[];
    };
    const [, accountId, roleName] =
      /^acs:ram::(\d+):role\/(.+)$/.exec(memberAccount.assumeRole.roleArn) ?? [];
    member = { accountId, roleArn: memberAccount.assumeRole.roleArn };
    emulator.addRole({
      accountId,
      roleName,
      trustedAccounts: [emulator.accountId],
      externalId: memberAccount.assumeRole.externalId,
    });
    emulator.addCredential({ ...MEMBER_KEY, accountId });
    for (const [role, gw] of Object.entries(gateways)) {
      const owner = memberAccount.gateways.includes(role) ? { accountId } : {};
      emulator.addGateway({ vpnGatewayId: gw.vpnGatewayId, regionId: gw.region, ...owner });
    }
  });
  afterAll(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("the stack config puts three gateways in two regions", () => {
    expect(Object.keys(gateways).sort()).toEqual(["branch", "hubHangzhou", "hubShanghai"]);
    expect(new Set(Object.values(gateways).map((g) => g.region))).toEqual(
      new Set(["cn-hangzhou", "cn-shanghai"]),
    );
  });

  it("up with adoptExistingRoutes takes over routes made by hand and creates the rest: exactly the declared tables", async () => {
    // Two routes made by hand, with other settings than the program's: a standby-like primary and a policy route.
    const hz = gateways.hubHangzhou;
    const client = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
    const primary = { RouteDest: "10.20.0.0/16", NextHop: conn.hzToShPrimary };
    await client.createVpnRouteEntry({
      RegionId: hz.region,
      VpnGatewayId: hz.vpnGatewayId,
      ...primary,
      Weight: 0,
      PublishVpc: false,
    });
    const br = gateways.branch;
    const memberClient = new VpcClient({ endpoint: emulator.endpoint, credentials: MEMBER_KEY });
    await memberClient.createVpnPbrRouteEntry({
      RegionId: br.region,
      VpnGatewayId: br.vpnGatewayId,
      RouteSource: "192.168.51.0/24",
      RouteDest: "10.21.0.0/16",
      NextHop: conn.branchToSh,
      Weight: 100,
      PublishVpc: true,
      Priority: 5,
    });
    await client.waitForGatewayActive({ RegionId: hz.region, VpnGatewayId: hz.vpnGatewayId }, { pollMs: 10 });
    await memberClient.waitForGatewayActive(
      { RegionId: br.region, VpnGatewayId: br.vpnGatewayId },
      { pollMs: 10 },
    );
    client.destroy();
    memberClient.destroy();
    emulator.clearLog();

    await project.setConfig("adoptExistingRoutes", { value: "true" });
    const update = await project.up({ skipPreview: true });
    expect(update.result).toBe("succeeded");
    // Stack, the member account's provider, 3 components, 5 + 7 destination routes in the hubs' tables, 7 policy
    // routes, the on-premises route.
    expect(update.changeSummary).toEqual({ create: 25 });
    // The two routes made by hand were adopted, not created again; no create was refused.
    const creates = oncePerWrite(emulator.requestLog()).filter((e) => e.action.startsWith("Create"));
    // The branch's routes were written in the member account, with a session of the assumed role; one AssumeRole.
    const branchWrites = creates.filter((e) => e.params.VpnGatewayId === br.vpnGatewayId);
    expect(branchWrites.length).toBeGreaterThan(0);
    expect(
      branchWrites.every((e) => e.accountId === member.accountId && e.accessKeyId?.startsWith("STS.")),
    ).toBe(true);
    expect(
      creates
        .filter((e) => e.params.VpnGatewayId !== br.vpnGatewayId)
        .every((e) => e.accountId === emulator.accountId),
    ).toBe(true);
    expect(
      emulator
        .requestLog()
        .filter((e) => e.action === "AssumeRole")
        .map((e) => e.params.RoleArn),
    ).toEqual([member.roleArn]);
    expect(
      creates.filter((e) => e.status !== 200).map((e) => [e.action, e.params.RouteDest, e.code]),
    ).toEqual([]);
    const writesOf = (action: string) => creates.filter((e) => e.action === action).length;
    // The adopted primary goes from weight 0 to 100 beside its standby, which the API allows only by replacing
    // it (ModifyVpnRouteEntryWeight is refused while the other route of the pair exists): one more create.
    expect(writesOf("CreateVpnRouteEntry")).toBe(13 - 1 + 1);
    expect(writesOf("CreateVpnPbrRouteEntry")).toBe(7 - 1);
    const primaryWrites = oncePerWrite(emulator.requestLog())
      .filter((e) => e.params.RouteDest === primary.RouteDest && e.params.NextHop === primary.NextHop)
      .filter((e) => !e.action.startsWith("Describe"))
      .map((e) => `${e.action} ${e.params.Weight}`);
    expect(primaryWrites).toEqual(["DeleteVpnRouteEntry 0", "CreateVpnRouteEntry 100"]);

    expect(table(gateways.hubHangzhou)).toEqual([
      `10.20.0.0/16 ${conn.hzToShPrimary} 100 published`,
      `10.20.0.0/16 ${conn.hzToShStandby} 0 normal`,
      `10.21.0.0/16 ${conn.hzToShPrimary} 100 published`,
      `10.21.0.0/16 ${conn.hzToShStandby} 0 normal`,
      `172.16.0.0/12 ${conn.onPremises} 100 published "on-premises data centre"`,
      `192.168.50.0/24 ${conn.hzToBranch} 100 published "branch office LAN"`,
    ]);
    expect(table(gateways.hubShanghai)).toEqual([
      `10.10.0.0/16 ${conn.shToHzPrimary} 100 published`,
      `10.10.0.0/16 ${conn.shToHzStandby} 0 normal`,
      `10.11.0.0/16 ${conn.shToHzPrimary} 100 published`,
      `10.11.0.0/16 ${conn.shToHzStandby} 0 normal`,
      `10.12.0.0/16 ${conn.shToHzPrimary} 100 published`,
      `10.12.0.0/16 ${conn.shToHzStandby} 0 normal`,
      `192.168.50.0/24 ${conn.shToBranch} 0 normal`,
    ]);
    expect(table(gateways.branch)).toEqual([
      `p10 192.168.50.0/24 10.10.0.0/16 ${conn.branchToHz} 100 published`,
      `p10 192.168.50.0/24 10.11.0.0/16 ${conn.branchToHz} 100 published`,
      `p10 192.168.50.0/24 10.12.0.0/16 ${conn.branchToHz} 100 published`,
      `p20 192.168.50.0/24 10.20.0.0/16 ${conn.branchToHz} 100 published`,
      `p20 192.168.50.0/24 10.21.0.0/16 ${conn.branchToHz} 100 published`,
      `p5 192.168.51.0/24 10.20.0.0/16 ${conn.branchToSh} 100 published`,
      `p5 192.168.51.0/24 10.21.0.0/16 ${conn.branchToSh} 100 published`,
    ]);
    // Each gateway's writes reached it in its own region.
    for (const gw of Object.values(gateways)) {
      const creates = emulator
        .requestLog()
        .filter((e) => e.action.startsWith("Create") && e.params.VpnGatewayId === gw.vpnGatewayId);
      expect(new Set(creates.map((e) => e.params.RegionId))).toEqual(new Set([gw.region]));
    }

    const outputs = (await project.outputs()) as {
      routeCounts: Record<string, { gateway: string; routes: number; policyRoutes: number }>;
      routeTables: Record<string, Record<string, { id: string; state: string }>>;
      onPremisesRoute: { id: string; state: string };
    };
    expect(outputs.routeCounts).toEqual({
      "hub-hangzhou": { gateway: gateways.hubHangzhou.vpnGatewayId, routes: 5, policyRoutes: 0 },
      "hub-shanghai": { gateway: gateways.hubShanghai.vpnGatewayId, routes: 7, policyRoutes: 0 },
      "branch-office": { gateway: gateways.branch.vpnGatewayId, routes: 0, policyRoutes: 7 },
    });
    expect(Object.keys(outputs.routeTables["branch-office"])).toHaveLength(7);
    expect(outputs.routeTables["hub-hangzhou"][`10.20.0.0/16@${conn.hzToShPrimary}`]).toEqual({
      id: `${gateways.hubHangzhou.vpnGatewayId}:${conn.hzToShPrimary}:10.20.0.0/16`,
      kind: "dbr",
      state: "published",
      weight: 100,
      published: true,
    });
    expect(outputs.onPremisesRoute).toEqual({
      id: `${gateways.hubHangzhou.vpnGatewayId}:${conn.onPremises}:172.16.0.0/12`,
      state: "published",
    });
  });

  it("a second preview has no changes (adoptExistingRoutes on or off)", async () => {
    await project.setConfig("adoptExistingRoutes", { value: "false" });
    const preview = await project.preview();
    expect(preview.changeSummary).toEqual({ same: 25 });
    expect(preview.diagnostics).toEqual([]);
  });

  it("destroy leaves every gateway empty", async () => {
    const destroyed = await project.destroy();
    expect(destroyed.changeSummary).toEqual({ delete: 25 });
    for (const gw of Object.values(gateways)) expect(table(gw)).toEqual([]);
  });
});
