/**
 * One session per credential source and process: fetched once however many calls ask at the same time,
 * reused until shortly before it expires, then fetched again.
 *
 * Hand-written rather than @alicloud/credentials' SessionCredentialProvider (2.4.7), whose cache refetches
 * on every call once a session has 15 minutes or less left (a 900 s session: every call) and does not
 * share one fetch between concurrent callers (30 concurrent creates would make 30 AssumeRole calls).
 */
import { SingleFlight } from "../singleFlight";
import type { Session } from "./session";

/** Refresh this long before expiry, or a quarter of the session's lifetime when that is shorter. */
export const REFRESH_MARGIN_MS = 3 * 60 * 1000;

export class SessionCache {
  private session?: Session;
  private refreshAt = 0;
  private readonly fetches = new SingleFlight<Session>();

  constructor(
    private readonly fetch: () => Promise<Session>,
    private readonly now: () => number,
  ) {}

  async get(): Promise<Session> {
    if (this.session && this.now() < this.refreshAt) return this.session;
    const fetchedAt = this.now();
    try {
      const session = await this.fetches.do("session", this.fetch);
      if (session !== this.session) {
        this.session = session;
        const margin = Math.min(REFRESH_MARGIN_MS, (session.expiresAt - fetchedAt) / 4);
        this.refreshAt = session.expiresAt - margin;
      }
      return session;
    } catch (err) {
      // A failed refresh of a session that still works is not fatal: use it, ask again next time.
      if (this.session && this.now() < this.session.expiresAt) return this.session;
      throw err;
    }
  }

  /** Forget the session (the API said its token expired or is invalid). */
  invalidate(): void {
    this.session = undefined;
    this.refreshAt = 0;
  }
}
