/** SessionCache on a pinned clock: one fetch for concurrent callers, refresh ahead of expiry, a failed refresh. */
import { REFRESH_MARGIN_MS, SessionCache } from "../../provider/api/credentials/sessions";
import type { Session } from "../../provider/api";

function setup(lifetimeMs: number) {
  let now = 1_000_000;
  const fetched: number[] = [];
  let fail = false;
  const release: Array<() => void> = [];
  const fetch = () =>
    new Promise<Session>((resolve, reject) => {
      fetched.push(now);
      const n = fetched.length;
      release.push(() =>
        fail
          ? reject(new Error("STS down"))
          : resolve({
              accessKeyId: `STS.${n}`,
              accessKeySecret: "s",
              securityToken: "t",
              expiresAt: now + lifetimeMs,
            }),
      );
    });
  const cache = new SessionCache(fetch, () => now);
  return {
    cache,
    fetched,
    advance: (ms: number) => void (now += ms),
    releaseAll: () => release.splice(0).forEach((r) => r()),
    failNext: () => void (fail = true),
  };
}

test("concurrent callers share one fetch", async () => {
  const t = setup(3_600_000);
  const calls = Array.from({ length: 30 }, () => t.cache.get());
  t.releaseAll();
  const sessions = await Promise.all(calls);
  expect(t.fetched).toHaveLength(1);
  expect(new Set(sessions.map((s) => s.accessKeyId))).toEqual(new Set(["STS.1"]));
});

test("refreshes 3 minutes before a long session expires, a quarter of the lifetime before a short one", async () => {
  const long = setup(3_600_000);
  const first = long.cache.get();
  long.releaseAll();
  await first;
  long.advance(3_600_000 - REFRESH_MARGIN_MS - 1);
  expect((await long.cache.get()).accessKeyId).toBe("STS.1");
  long.advance(1);
  const second = long.cache.get();
  long.releaseAll();
  expect((await second).accessKeyId).toBe("STS.2");

  const short = setup(4_000);
  const a = short.cache.get();
  short.releaseAll();
  await a;
  short.advance(2_999);
  expect((await short.cache.get()).accessKeyId).toBe("STS.1");
  short.advance(1);
  const b = short.cache.get();
  short.releaseAll();
  expect((await b).accessKeyId).toBe("STS.2");
});

test("a failed refresh keeps using a session that still works, and fails once it has expired", async () => {
  const t = setup(4_000);
  const a = t.cache.get();
  t.releaseAll();
  await a;
  t.failNext();
  t.advance(3_500);
  const b = t.cache.get();
  t.releaseAll();
  expect((await b).accessKeyId).toBe("STS.1");
  t.advance(500);
  const c = t.cache.get();
  t.releaseAll();
  await expect(c).rejects.toThrow("STS down");
});
