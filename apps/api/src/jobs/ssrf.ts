import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/** Why a webhook URL is refused, or null. Delivery checks again after DNS resolution (request-filtering-agent). */
export async function refuseWebhookUrl(raw: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a valid URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// URL.";
  if (url.username || url.password) return "Credentials in the URL are not allowed; authenticate with the signature.";
  if (allowPrivate) return null;
  if (url.protocol !== "https:") return "Use an https:// URL.";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `The host ${host} does not resolve.`;
  }
  for (const a of addresses) {
    const embedded = embedsIPv4(a);
    if (embedded) {
      return `The host ${host} resolves to ${a}, an IPv6 form that carries an IPv4 address (${embedded}); use a public address.`;
    }
    const range = ipaddr.process(a).range();
    if (range !== "unicast") return `The host ${host} resolves to a ${range} address (${a}); use a public address.`;
  }
  return null;
}

/**
 * IPv6 forms whose bits carry an IPv4 address that a network may route to: IPv4-compatible
 * (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4
 * (2002::/16) and Teredo (2001::/32). All are refused whatever the address inside: a webhook has
 * no need of them, and checking what each embeds would be one check per form to get right.
 * IPv4-mapped (::ffff:a.b.c.d) is not among them: ipaddr.process turns it into the IPv4 address,
 * which is then checked as such.
 */
export function embedsIPv4(address: string): string | null {
  if (!ipaddr.IPv6.isValid(address)) return null;
  const v6 = ipaddr.IPv6.parse(address);
  if (v6.isIPv4MappedAddress()) return null;
  const p = v6.parts;
  const zeros = (n: number) => p.slice(0, n).every((x) => x === 0);
  const ipv4At = (i: number) => ipaddr.fromByteArray(v6.toByteArray().slice(i * 2, i * 2 + 4)).toString();
  // IPv4-compatible: 96 zero bits then the address (:: and ::1 are left to their own ranges).
  if (zeros(6) && (p[6] !== 0 || (p[7] ?? 0) > 1)) return ipv4At(6);
  if (zeros(4) && p[4] === 0xffff && p[5] === 0) return ipv4At(6); // IPv4-translated, RFC 2765
  if (p[0] === 0x64 && p[1] === 0xff9b) return ipv4At(6); // NAT64 (well-known and local-use prefixes)
  if (p[0] === 0x2002) return ipv4At(1); // 6to4: the address follows the prefix
  if (p[0] === 0x2001 && p[1] === 0) {
    // Teredo: the client's address, inverted, in the last 32 bits.
    const bytes = v6
      .toByteArray()
      .slice(12, 16)
      .map((b) => b ^ 0xff);
    return ipaddr.fromByteArray(bytes).toString();
  }
  return null;
}
