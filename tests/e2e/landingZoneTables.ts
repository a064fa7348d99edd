/**
 * The landing zone's route tables as the emulator holds them, and as every language's landing zone must leave them
 * after its first `up` (examples/landing-zone-yaml, examples/landing-zone-python): one line per route, sorted.
 */
import type { RunningEmulator } from "../../emulator";

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
