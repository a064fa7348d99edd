/**
 * The emulator's state, localstack-style: one store per account and region, each holding that scope's
 * gateways (with their route tables) and the client tokens it has seen.
 */
import type { ClientTokenRecord, GatewayRecord } from "../model";

export function clientTokenKey(action: string, token: string): string {
  return `${action}\n${token}`;
}

export class RegionStore {
  readonly gateways = new Map<string, GatewayRecord>();
  /** Keyed by clientTokenKey(action, token): a token is scoped to one action. */
  readonly clientTokens = new Map<string, ClientTokenRecord>();

  constructor(
    readonly accountId: string,
    readonly regionId: string,
  ) {}
}

export class Stores {
  private readonly byScope = new Map<string, RegionStore>();

  /** The store of one account and region, created on first use. */
  region(accountId: string, regionId: string): RegionStore {
    const key = `${accountId}\n${regionId}`;
    let store = this.byScope.get(key);
    if (!store) {
      store = new RegionStore(accountId, regionId);
      this.byScope.set(key, store);
    }
    return store;
  }

  all(): RegionStore[] {
    return [...this.byScope.values()];
  }

  /** A gateway by ID in any account and region (for ownership checks, drift and test helpers). */
  findGateway(vpnGatewayId: string): GatewayRecord | undefined {
    for (const store of this.byScope.values()) {
      const gateway = store.gateways.get(vpnGatewayId);
      if (gateway) return gateway;
    }
    return undefined;
  }

  addGateway(gateway: GatewayRecord): void {
    if (this.findGateway(gateway.vpnGatewayId)) {
      throw new Error(`gateway ${gateway.vpnGatewayId} already exists`);
    }
    this.region(gateway.accountId, gateway.regionId).gateways.set(gateway.vpnGatewayId, gateway);
  }

  deleteGateway(vpnGatewayId: string): boolean {
    for (const store of this.byScope.values()) {
      if (store.gateways.delete(vpnGatewayId)) return true;
    }
    return false;
  }

  clear(): void {
    this.byScope.clear();
  }
}
