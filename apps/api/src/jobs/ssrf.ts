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
    const range = ipaddr.process(a).range();
    if (range !== "unicast") return `The host ${host} resolves to a ${range} address (${a}); use a public address.`;
  }
  return null;
}
