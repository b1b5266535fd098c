import { describe, expect, it } from "vitest";
import { LinkCache, type LinkTarget } from "./link-cache.ts";
import { GatewayMetrics } from "./metrics.ts";

const link = (token: string, serviceId = "s1", active = true): LinkTarget => ({
  id: `id-${token}`,
  token,
  audience: "LOCAL_SELLER",
  targetMarket: "US",
  serviceId,
  partnerId: "p1",
  active,
});

function setup(opts: Partial<{ maxEntries: number; ttlMs: number; negativeTtlMs: number }> = {}) {
  let clock = 0;
  const calls: string[] = [];
  const db = new Map<string, LinkTarget>();
  let failing = false;
  let gate: Promise<void> | undefined;
  const metrics = new GatewayMetrics();
  const cache = new LinkCache(
    async (token) => {
      calls.push(token);
      await gate;
      if (failing) throw new Error("database unreachable");
      return db.get(token) ?? null;
    },
    { maxEntries: 3, ttlMs: 1_000, negativeTtlMs: 100, lookupTimeoutMs: 1_000, ...opts },
    metrics,
    () => clock,
  );
  return {
    cache,
    calls,
    db,
    metrics,
    tick: (ms: number) => {
      clock += ms;
    },
    fail: (v: boolean) => {
      failing = v;
    },
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe("LinkCache", () => {
  it("collapses concurrent misses for one token into one lookup", async () => {
    const t = setup();
    t.db.set("a", link("a"));
    const release = t.hold();
    const all = Promise.all(Array.from({ length: 50 }, () => t.cache.get("a")));
    release();
    const results = await all;
    expect(results.every((r) => r?.id === "id-a")).toBe(true);
    expect(t.calls).toEqual(["a"]);
    expect(t.metrics.cacheMisses).toBe(1);
  });

  it("keeps links for the TTL and unknown tokens for the shorter negative TTL", async () => {
    const t = setup();
    t.db.set("a", link("a"));
    await t.cache.get("a");
    await t.cache.get("zz");
    t.tick(500);
    expect(t.cache.peek("a")?.id).toBe("id-a");
    expect(t.cache.peek("zz")).toBeUndefined(); // negative entry expired
    t.tick(600);
    expect(t.cache.peek("a")).toBeUndefined();
    await t.cache.get("a");
    expect(t.calls).toEqual(["a", "zz", "a"]);
  });

  it("is bounded, dropping the least recently used", async () => {
    const t = setup({ maxEntries: 2 });
    for (const k of ["a", "b"]) t.db.set(k, link(k));
    t.db.set("c", link("c"));
    await t.cache.get("a");
    await t.cache.get("b");
    t.cache.peek("a"); // a is now the most recent
    await t.cache.get("c");
    expect(t.cache.size).toBe(2);
    expect(t.cache.peek("b")).toBeUndefined();
    expect(t.cache.peek("a")).toBeDefined();
  });

  it("forgets a service's links and every unknown token when the service changes", async () => {
    const t = setup();
    t.db.set("a", link("a", "s1"));
    t.db.set("b", link("b", "s2"));
    await t.cache.get("a");
    await t.cache.get("b");
    await t.cache.get("new");
    t.db.set("a", link("a", "s1", false));
    t.db.set("new", link("new", "s1"));
    t.cache.invalidateService("s1");
    expect((await t.cache.get("a"))?.active).toBe(false);
    expect((await t.cache.get("new"))?.id).toBe("id-new");
    expect(t.cache.peek("b")).toBeDefined();
  });

  it("does not cache a lookup that raced an invalidation", async () => {
    const t = setup();
    t.db.set("a", link("a"));
    const release = t.hold();
    const pending = t.cache.get("a");
    t.cache.invalidateService("s1");
    release();
    await pending;
    expect(t.cache.peek("a")).toBeUndefined();
  });

  it("after a reconnect, looks every link up again but still has it if the database drops", async () => {
    const t = setup();
    t.db.set("a", link("a"));
    await t.cache.get("a");
    t.cache.expireAll();
    expect(t.cache.peek("a")).toBeUndefined();
    t.fail(true);
    expect((await t.cache.get("a"))?.id).toBe("id-a");
    t.fail(false);
    t.tick(1_001);
    await t.cache.get("a");
    expect(t.calls).toEqual(["a", "a", "a"]);
  });

  it("serves an expired link while the database is unreachable, and fails only for tokens it never saw", async () => {
    const t = setup();
    t.db.set("a", link("a"));
    await t.cache.get("a");
    t.tick(5_000);
    t.fail(true);
    expect((await t.cache.get("a"))?.id).toBe("id-a");
    expect(t.metrics.cacheStale).toBe(1);
    await expect(t.cache.get("b")).rejects.toThrow("database unreachable");
  });
});
