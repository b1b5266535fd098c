import type { Audience } from "@shopreg/domain";
import type { GatewayMetrics } from "./metrics.ts";

/** What a redirect needs to know about a link. */
export type LinkTarget = {
  id: string;
  token: string;
  audience: Audience;
  targetMarket: string;
  serviceId: string;
  partnerId: string;
  active: boolean;
};

/** `seq` is the cache's insertion counter when the entry last moved to the young end. */
type Entry = { link: LinkTarget | null; expiresAt: number; seq: number };

export type LinkCacheOptions = { maxEntries: number; ttlMs: number; negativeTtlMs: number; lookupTimeoutMs: number };

/**
 * Bounded LRU of links by token with a short TTL, negative entries for unknown tokens, and one
 * database query per token however many requests miss at once. When the database cannot answer,
 * an expired entry keeps being served (links keep redirecting through an outage).
 */
export class LinkCache {
  private entries = new Map<string, Entry>();
  private inflight = new Map<string, Promise<LinkTarget | null>>();
  /** Bumped by every invalidation: a lookup that started before it must not fill the cache. */
  private generation = 0;
  /** Counts moves to the young end of `entries` (a Map iterates in insertion order). */
  private seq = 0;

  constructor(
    private load: (token: string) => Promise<LinkTarget | null>,
    private opts: LinkCacheOptions,
    private metrics: GatewayMetrics,
    private now: () => number = Date.now,
  ) {}

  get size() {
    return this.entries.size;
  }

  /** A fresh entry, synchronously (the fast path); undefined when a lookup is needed. */
  peek(token: string): LinkTarget | null | undefined {
    const e = this.entries.get(token);
    if (!e || e.expiresAt <= this.now()) return undefined;
    // Refresh the LRU position only once the entry is in the older half: a hot link is not
    // deleted and re-inserted on every click (that was most of peek's cost), and eviction
    // still never takes an entry used since the younger half began.
    if (this.seq - e.seq >= this.opts.maxEntries >> 1) {
      this.entries.delete(token);
      e.seq = ++this.seq;
      this.entries.set(token, e);
    }
    this.metrics.cacheHits++;
    return e.link;
  }

  async get(token: string): Promise<LinkTarget | null> {
    const hit = this.peek(token);
    if (hit !== undefined) return hit;
    let pending = this.inflight.get(token);
    if (!pending) {
      this.metrics.cacheMisses++;
      pending = this.lookup(token).finally(() => {
        if (this.inflight.get(token) === pending) this.inflight.delete(token);
      });
      this.inflight.set(token, pending);
    }
    return pending;
  }

  private async lookup(token: string): Promise<LinkTarget | null> {
    const generation = this.generation;
    try {
      const link = await withTimeout(this.load(token), this.opts.lookupTimeoutMs);
      if (generation === this.generation) this.put(token, link);
      return link;
    } catch (error) {
      const stale = this.entries.get(token);
      if (stale) {
        // Serve the last known answer and ask again in a second, not on every request.
        this.metrics.cacheStale++;
        stale.expiresAt = this.now() + 1_000;
        return stale.link;
      }
      throw error;
    }
  }

  private put(token: string, link: LinkTarget | null) {
    const ttl = link ? this.opts.ttlMs : this.opts.negativeTtlMs;
    if (ttl <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, { link, expiresAt: this.now() + ttl, seq: ++this.seq });
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** A service was published, deactivated or revoked: forget its links, and unknown tokens (it may have minted them). */
  invalidateService(serviceId: string) {
    this.generation++;
    for (const [token, e] of this.entries) {
      if (e.link === null || e.link.serviceId === serviceId) this.entries.delete(token);
    }
    this.inflight.clear();
  }

  /**
   * Notifications may have been missed (the listener reconnected): every entry is looked up again
   * on its next use, but stays available as a stale answer if the database drops again meanwhile.
   */
  expireAll() {
    this.generation++;
    for (const e of this.entries.values()) e.expiresAt = 0;
    this.inflight.clear();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`link lookup timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
