import { describe, expect, it } from "vitest";
import type { CapturedClick } from "./capture.ts";
import { BatchBuilder, unpackBatch } from "./click-writer-protocol.ts";
import type { LinkTarget } from "./link-cache.ts";

const link = (n: number): LinkTarget => ({
  id: `00000000-0000-7000-8000-00000000000${n}`,
  token: `token${n}token${n}`,
  audience: n % 2 ? "LOCAL_SELLER" : "CROSS_BORDER_SELLER",
  targetMarket: "US",
  serviceId: `00000000-0000-7000-8000-0000000000a${n}`,
  partnerId: `00000000-0000-7000-8000-0000000000b${n}`,
  active: n !== 3,
});

describe("captured click batches (server thread -> click writer thread)", () => {
  it("carry every click as captured, in order, through a structured clone with the buffers transferred", () => {
    const links = [link(1), link(2), link(3)];
    const clicks: CapturedClick[] = Array.from({ length: 50 }, (_, i) => ({
      id: `01a21000-0000-7000-8000-${String(i).padStart(12, "0")}`,
      at: Date.UTC(2026, 10, 24, 12, 0, 0, i),
      link: links[i % 3] as LinkTarget,
      active: i % 3 !== 2,
      head: i % 7 === 0,
      ip: i % 5 === 0 ? "" : `192.0.2.${i % 4}`,
      userAgent: i % 2 ? "Mozilla/5.0 (iPhone)" : "",
      referer: i % 4 === 0 ? null : `https://ref${i % 3}.example/path`,
      country: i % 6 === 0 ? null : "us",
    }));
    const builder = new BatchBuilder(64);
    for (const c of clicks) builder.add(c);
    expect(builder.full).toBe(false);
    const { batch, transfer } = builder.build();
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<typeof batch>((resolve) => {
      port2.onmessage = (e) => resolve(e.data);
    });
    port1.postMessage(batch, transfer);
    return received.then((copy) => {
      port1.close();
      port2.close();
      expect([...unpackBatch(copy)]).toEqual(clicks);
      // Repeated links and strings travel once.
      expect(copy.links).toHaveLength(3);
      expect(copy.strings.length).toBeLessThan(15);
    });
  });

  it("is full at its capacity and refuses ids of another length", () => {
    const builder = new BatchBuilder(2);
    const c: CapturedClick = {
      id: "01a21000-0000-7000-8000-000000000001",
      at: 0,
      link: link(1),
      active: true,
      head: false,
      ip: "",
      userAgent: "",
      referer: null,
      country: null,
    };
    builder.add(c);
    builder.add({ ...c, id: "01a21000-0000-7000-8000-000000000002" });
    expect(builder.full).toBe(true);
    expect(() => new BatchBuilder(2).add({ ...c, id: "short" })).toThrow(/36 characters/);
  });
});
