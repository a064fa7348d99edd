/**
 * The landing zone as every language's test meets it (examples/landing-zone-yaml, examples/landing-zone-python):
 * the emulator holding its gateways and the member account, and its route tables as the emulator holds them and as
 * the first `up` must leave them, one line per route, sorted.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VpcClient } from "../../provider/api";
import { testTls } from "../support/testTls";
import { emulatorEnv } from "./emulator-env";

/** A key of the member account, which the branch's provider reaches through the role it assumes. */
const MEMBER_KEY = { accessKeyId: "LTAImember0000000000001", accessKeySecret: "member-secret" };

/**
 * An emulator (STS over TLS) holding the landing zone's three gateways, the branch's in the member account whose
 * role (`memberRoleArn`, `memberExternalId`) the main account may assume; `c` reads the stack's config. With it,
 * the environment a project needs to reach it (the STS endpoint and its certificate included).
 */
export async function startLandingZoneEmulator(
  c: (key: string) => string,
  seed: number,
): Promise<{ emulator: RunningEmulator; env: Record<string, string> }> {
  const tls = await testTls();
  const emulator = await startEmulator({ configDelayMs: 20, seed, gateways: [], sts: { tls } });
  const [, accountId, roleName] = /^acs:ram::(\d+):role\/(.+)$/.exec(c("memberRoleArn")) ?? [];
  emulator.addRole({
    accountId,
    roleName,
    trustedAccounts: [emulator.accountId],
    externalId: c("memberExternalId"),
  });
  emulator.addCredential({ ...MEMBER_KEY, accountId });
  emulator.addGateway({ vpnGatewayId: c("hubHangzhouGateway"), regionId: "cn-hangzhou" });
  emulator.addGateway({ vpnGatewayId: c("hubShanghaiGateway"), regionId: "cn-shanghai" });
  emulator.addGateway({ vpnGatewayId: c("branchGateway"), regionId: "cn-shanghai", accountId });
  const env = {
    ...emulatorEnv(emulator),
    ALIBABA_CLOUD_ENDPOINT_STS: emulator.stsEndpoint as string,
    NODE_EXTRA_CA_CERTS: tls.caFile,
  };
  return { emulator, env };
}

/**
 * The creates the branch's gateway took since the emulator's log was cleared, and whether every one was made in
 * the member account with a session of the assumed role (the branch's explicit provider).
 */
export function branchCreates(emulator: RunningEmulator, c: (key: string) => string) {
  const creates = emulator
    .requestLog()
    .filter((e) => e.action.startsWith("Create") && e.params.VpnGatewayId === c("branchGateway"));
  return {
    count: creates.length,
    inMemberAccount: creates.every(
      (e) => e.accountId !== emulator.accountId && e.accessKeyId?.startsWith("STS."),
    ),
  };
}

/**
 * A route to the on-premises connection made outside Pulumi on the Hangzhou hub (or one deleted there), as someone
 * at the console would; returns once the gateway is active again.
 */
export async function outsideRoute(
  emulator: RunningEmulator,
  c: (key: string) => string,
  action: "create" | "delete",
  RouteDest: string,
): Promise<void> {
  const api = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials });
  const hz = { RegionId: "cn-hangzhou", VpnGatewayId: c("hubHangzhouGateway") };
  const route = { ...hz, RouteDest, NextHop: c("onPremises"), Weight: 100 };
  try {
    if (action === "create") await api.createVpnRouteEntry({ ...route, PublishVpc: true });
    else await api.deleteVpnRouteEntry(route);
    await api.waitForGatewayActive(hz, { pollMs: 10 });
  } finally {
    api.destroy();
  }
}

/** `dest nextHop weight state "description"`, then policy routes as `p<priority> source dest nextHop weight state`. */
export function tableOf(emulator: RunningEmulator, gateway: string): string[] {
  return [
    ...emulator
      .routes(gateway)
      .map(
        (r) =>
          `${r.RouteDest} ${r.NextHop} ${r.Weight} ${r.State}${r.Description ? ` "${r.Description}"` : ""}`,
      )
      .sort(),
    ...emulator
      .pbrRoutes(gateway)
      .map((r) => `p${r.Priority} ${r.RouteSource} ${r.RouteDest} ${r.NextHop} ${r.Weight} ${r.State}`)
      .sort(),
  ];
}

/** The declared tables by gateway config key; `c` reads the stack's config (connection ids by role). */
export function declaredTables(c: (key: string) => string): Record<string, string[]> {
  return {
    hubHangzhouGateway: [
      `10.20.0.0/16 ${c("hzToShPrimary")} 100 published`,
      `10.20.0.0/16 ${c("hzToShStandby")} 0 normal`,
      `10.21.0.0/16 ${c("hzToShPrimary")} 100 published`,
      `10.21.0.0/16 ${c("hzToShStandby")} 0 normal`,
      `172.16.0.0/12 ${c("onPremises")} 100 published "on-premises data centre"`,
      `192.168.50.0/24 ${c("hzToBranch")} 100 published "branch office LAN"`,
    ],
    hubShanghaiGateway: [
      `10.10.0.0/16 ${c("shToHzPrimary")} 100 published`,
      `10.10.0.0/16 ${c("shToHzStandby")} 0 normal`,
      `10.11.0.0/16 ${c("shToHzPrimary")} 100 published`,
      `10.11.0.0/16 ${c("shToHzStandby")} 0 normal`,
      `10.12.0.0/16 ${c("shToHzPrimary")} 100 published`,
      `10.12.0.0/16 ${c("shToHzStandby")} 0 normal`,
      `192.168.50.0/24 ${c("shToBranch")} 0 normal`,
    ],
    branchGateway: [
      `p10 192.168.50.0/24 10.10.0.0/16 ${c("branchToHz")} 100 published`,
      `p10 192.168.50.0/24 10.11.0.0/16 ${c("branchToHz")} 100 published`,
      `p10 192.168.50.0/24 10.12.0.0/16 ${c("branchToHz")} 100 published`,
      `p20 192.168.50.0/24 10.20.0.0/16 ${c("branchToHz")} 100 published`,
      `p20 192.168.50.0/24 10.21.0.0/16 ${c("branchToHz")} 100 published`,
      `p5 192.168.51.0/24 10.20.0.0/16 ${c("branchToSh")} 100 published`,
      `p5 192.168.51.0/24 10.21.0.0/16 ${c("branchToSh")} 100 published`,
    ],
  };
}

/** The Hangzhou hub's first two routes once 10.20.0.0/16 failed over to its standby tunnel. */
export function hangzhouFailedOver(c: (key: string) => string): string[] {
  return [`10.20.0.0/16 ${c("hzToShPrimary")} 0 normal`, `10.20.0.0/16 ${c("hzToShStandby")} 100 published`];
}

/** A stack config file's `key: value` lines (two-space indent, plain values), as a map. */
export function stackConfig(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .map((line) => /^ {2}([\w-]+:\w+): (.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
}
