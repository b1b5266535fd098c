import type { CapturedClick } from "./capture.ts";
import type { GatewayConfig } from "./config.ts";
import type { LinkTarget } from "./link-cache.ts";
import type { ClickWriterCounters } from "./metrics.ts";

/** What the click writer thread is started with. */
export type ClickWriterData = {
  databaseUrl: string;
  clicks: GatewayConfig["clicks"];
  visitorHashSecret: string;
  visitorKeyRotationHours: number;
};

/** The writer's state, reported every quarter second and with every answer. */
export type ClickWriterState = {
  /** Captured clicks received from the server thread so far. */
  received: number;
  /** Of those, the first `durable` are written or spilled: the server thread may let go of them. */
  durable: number;
  queueDepth: number;
  spillPending: number;
  databaseUp: boolean;
  counters: ClickWriterCounters;
};

/**
 * Captured clicks in columns: typed arrays move to the thread without a copy, the ids travel as one
 * string, and links and strings (user agents, addresses, referers, countries) that repeat are sent
 * once per batch. Posting one batch costs the server thread far less than cloning many objects.
 */
export type CapturedBatch = {
  n: number;
  /** n ids of ID_LENGTH characters, concatenated. */
  ids: string;
  /** Epoch milliseconds per click. */
  at: Float64Array;
  /** Per click, META_FIELDS numbers: link index, flags (1 active, 2 HEAD), then string indexes (0 is null). */
  meta: Uint32Array;
  links: LinkTarget[];
  /** strings[0] is unused: index 0 stands for null. */
  strings: string[];
};

export const ID_LENGTH = 36;
export const META_FIELDS = 7;
const [LINK, FLAGS, IP, AGENT, REFERER, COUNTRY, QUERY] = [0, 1, 2, 3, 4, 5, 6] as const;

/** Builds a CapturedBatch of up to `capacity` clicks on the server thread. */
export class BatchBuilder {
  private ids: string[] = [];
  private at: Float64Array;
  private meta: Uint32Array;
  private links: LinkTarget[] = [];
  private linkIndex = new Map<LinkTarget, number>();
  private strings: string[] = [""];
  private stringIndex = new Map<string, number>();
  n = 0;

  constructor(readonly capacity: number) {
    this.at = new Float64Array(capacity);
    this.meta = new Uint32Array(capacity * META_FIELDS);
  }

  get full() {
    return this.n >= this.capacity;
  }

  add(c: CapturedClick) {
    if (c.id.length !== ID_LENGTH) throw new Error(`click ids are ${ID_LENGTH} characters`);
    let link = this.linkIndex.get(c.link);
    if (link === undefined) {
      link = this.links.push(c.link) - 1;
      this.linkIndex.set(c.link, link);
    }
    const i = this.n++;
    const m = i * META_FIELDS;
    this.ids.push(c.id);
    this.at[i] = c.at;
    this.meta[m + LINK] = link;
    this.meta[m + FLAGS] = (c.active ? 1 : 0) | (c.head ? 2 : 0);
    this.meta[m + IP] = this.string(c.ip);
    this.meta[m + AGENT] = this.string(c.userAgent);
    this.meta[m + REFERER] = this.string(c.referer);
    this.meta[m + COUNTRY] = this.string(c.country);
    this.meta[m + QUERY] = this.string(c.query ?? null);
  }

  private string(s: string | null): number {
    if (s === null) return 0;
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.stringIndex.set(s, i);
    }
    return i;
  }

  /** The batch, and the buffers to transfer with it. */
  build(): { batch: CapturedBatch; transfer: ArrayBuffer[] } {
    const batch: CapturedBatch = {
      n: this.n,
      ids: this.ids.join(""),
      at: this.at.subarray(0, this.n),
      meta: this.meta.subarray(0, this.n * META_FIELDS),
      links: this.links,
      strings: this.strings,
    };
    return { batch, transfer: [this.at.buffer as ArrayBuffer, this.meta.buffer as ArrayBuffer] };
  }
}

export type ToWriter = { type: "clicks"; batch: CapturedBatch } | { type: "flush"; seq: number } | { type: "close"; seq: number };

export type FromWriter =
  | { type: "ready"; state: ClickWriterState }
  | { type: "state"; state: ClickWriterState }
  | { type: "durable"; durable: number }
  | { type: "done"; seq: number; state: ClickWriterState; error?: string }
  | { type: "log"; level: "info" | "warn" | "error"; msg: string; fields?: object };

/** The captured clicks of a batch, in order. */
export function* unpackBatch(b: CapturedBatch): Generator<CapturedClick> {
  const str = (i: number) => (i === 0 ? null : (b.strings[i] as string));
  for (let i = 0; i < b.n; i++) {
    const m = i * META_FIELDS;
    const flags = b.meta[m + FLAGS] as number;
    const click: CapturedClick = {
      id: b.ids.slice(i * ID_LENGTH, (i + 1) * ID_LENGTH),
      at: b.at[i] as number,
      link: b.links[b.meta[m + LINK] as number] as LinkTarget,
      active: (flags & 1) === 1,
      head: (flags & 2) === 2,
      ip: str(b.meta[m + IP] as number) ?? "",
      userAgent: str(b.meta[m + AGENT] as number) ?? "",
      referer: str(b.meta[m + REFERER] as number),
      country: str(b.meta[m + COUNTRY] as number),
    };
    const query = str(b.meta[m + QUERY] as number);
    if (query !== null) click.query = query;
    yield click;
  }
}
