import { describe, expect, it } from "vitest";
import { embedsIPv4, refuseWebhookUrl } from "../src/jobs/ssrf.ts";

describe("the webhook URL guard (issue 22 item 15)", () => {
  it("refuses every IPv6 form that carries an IPv4 address, naming the address inside", async () => {
    const forms: [string, string][] = [
      ["https://[::127.0.0.1]/", "127.0.0.1"], // IPv4-compatible
      ["https://[::10.0.0.1]/hooks", "10.0.0.1"],
      ["https://[::ffff:0:127.0.0.1]/", "127.0.0.1"], // IPv4-translated
      ["https://[64:ff9b::169.254.169.254]/", "169.254.169.254"], // NAT64
      ["https://[64:ff9b:1::a00:1]/", "10.0.0.1"], // NAT64, local-use prefix
      ["https://[2002:7f00:1::]/", "127.0.0.1"], // 6to4
      ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "127.0.0.1"], // Teredo (client inverted)
    ];
    for (const [url, inside] of forms) {
      const reason = await refuseWebhookUrl(url, false);
      expect(reason, url).toMatch(/carries an IPv4 address/);
      expect(reason, url).toContain(`(${inside})`);
    }
  });

  it("still refuses IPv4-mapped loopback and accepts a public IPv6 address", async () => {
    expect(await refuseWebhookUrl("https://[::ffff:127.0.0.1]/", false)).toMatch(/loopback/);
    expect(await refuseWebhookUrl("https://[::1]/", false)).toMatch(/loopback/);
    expect(await refuseWebhookUrl("https://[2606:4700:4700::1111]/hooks", false)).toBeNull();
    expect(await refuseWebhookUrl("https://1.1.1.1/hooks", false)).toBeNull();
    expect(embedsIPv4("2606:4700:4700::1111")).toBeNull();
    expect(embedsIPv4("::")).toBeNull();
    expect(embedsIPv4("1.2.3.4")).toBeNull();
  });
});
