/** Nonces seen per access key, remembered long enough that a replay fails on either nonce or timestamp. */
import { NONCE_RETENTION_MS } from "../constants";

export class NonceCache {
  private readonly seen = new Map<string, number>();
  private lastPrune = 0;

  /** Records the nonce; false when it was seen before within the retention window. */
  remember(accessKeyId: string, nonce: string, now: number): boolean {
    this.prune(now);
    const key = `${accessKeyId}\n${nonce}`;
    const at = this.seen.get(key);
    if (at !== undefined && now - at < NONCE_RETENTION_MS) return false;
    this.seen.set(key, now);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }

  private prune(now: number): void {
    if (now - this.lastPrune < NONCE_RETENTION_MS / 10) return;
    this.lastPrune = now;
    for (const [key, at] of this.seen) if (now - at >= NONCE_RETENTION_MS) this.seen.delete(key);
  }
}
