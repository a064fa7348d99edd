/** The bench's gateways and routes, and the time the gateways themselves need to apply them. */

export const BENCH_REGION = "cn-hangzhou";
/** Every route goes to the same IPsec connection: the bench measures scheduling, not routing. */
export const BENCH_NEXT_HOP = "vco-bench000000000000001";
/** The standby of the destinations a scenario fails over (BenchGateway.pairDests). */
export const BENCH_STANDBY_HOP = "vco-bench000000000000002";
/** Each gateway's writes are applied one at a time: this many ms each in the emulator. */
export type ConfigDelayMs = number;

export interface BenchGateway {
  /** Component name in the program. */
  name: string;
  vpnGatewayId: string;
  routeDests: string[];
  /**
   * Destinations declared as an active/standby pair (BENCH_NEXT_HOP active, BENCH_STANDBY_HOP standby), two
   * routes each, which a failover swaps. @default none
   */
  pairDests?: string[];
}

export function gatewayId(index: number): string {
  return `vpn-bench${String(index + 1).padStart(16, "0")}`;
}

/** A distinct /32 per (gateway, route), far from the ranges the API refuses (0.0.0.0/0, 100.64.0.0/10). */
export function routeDest(gatewayIndex: number, routeIndex: number): string {
  if (routeIndex >= 65_536 || gatewayIndex >= 256) throw new Error("bench topology too large");
  return `10.${gatewayIndex}.${routeIndex >> 8}.${routeIndex & 255}/32`;
}

/** `routes` routes dealt round-robin over `gateways` gateways (the first gateways get one more when uneven). */
export function benchGateways(routes: number, gateways: number): BenchGateway[] {
  return Array.from({ length: gateways }, (_, g) => {
    const count = Math.floor(routes / gateways) + (g < routes % gateways ? 1 : 0);
    return {
      name: `gw${g + 1}`,
      vpnGatewayId: gatewayId(g),
      routeDests: Array.from({ length: count }, (_, i) => routeDest(g, i)),
    };
  });
}

/**
 * `routes` routes over `gateways` gateways, `pairs` destinations of them as active/standby pairs dealt
 * round-robin (two routes each), the rest one route each: a table that a failover of `pairs` destinations changes.
 */
export function pairedGateways(routes: number, gateways: number, pairs: number): BenchGateway[] {
  return benchGateways(routes, gateways).map((gateway, g) => {
    const pairCount = Math.floor(pairs / gateways) + (g < pairs % gateways ? 1 : 0);
    const singles = gateway.routeDests.length - 2 * pairCount;
    if (singles < 0) throw new Error(`gateway ${gateway.name} has fewer routes than ${pairCount} pairs need`);
    return {
      ...gateway,
      routeDests: gateway.routeDests.slice(0, singles),
      pairDests: gateway.routeDests.slice(singles, singles + pairCount),
    };
  });
}

export function busiestGatewayRoutes(routes: number, gateways: number): number {
  return Math.ceil(routes / gateways);
}

/**
 * The least time any client can take: the busiest gateway applies its writes one after another, each keeping
 * it `updating` for configDelayMs.
 */
export function limitSeconds(routes: number, gateways: number, configDelayMs: ConfigDelayMs): number {
  return (busiestGatewayRoutes(routes, gateways) * configDelayMs) / 1000;
}

/** DescribeVpnRouteEntries pages one full listing of `routes` entries takes (PageSize 50). */
export const LISTING_PAGE_SIZE = 50;
export function listingPages(routes: number): number {
  return Math.max(1, Math.ceil(routes / LISTING_PAGE_SIZE));
}

export function ratio(seconds: number, limit: number): number {
  return limit > 0 ? seconds / limit : 0;
}
