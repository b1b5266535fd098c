import http from "node:http";
import https from "node:https";
import { useAgent } from "request-filtering-agent";

export type PostResult = { status: number | null; excerpt: string | null; error: string | null; latencyMs: number };

/** Bytes of a response body kept in the delivery log. */
export const EXCERPT_BYTES = 1024;

/**
 * POSTs a webhook. Outside development the agent refuses private, loopback and link-local
 * addresses after DNS resolution (so a name that later points inward is still refused).
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, "latencyMs">): PostResult => ({ ...r, latencyMs: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve(done({ status: null, excerpt: null, error: "invalid URL" }));
      return;
    }
    if (!opts.allowPrivate && u.protocol !== "https:") {
      resolve(done({ status: null, excerpt: null, error: "refused: not https" }));
      return;
    }
    const agent = opts.allowPrivate ? undefined : useAgent(url, { allowPrivateIPAddress: false, allowMetaIPAddress: false });
    const request = u.protocol === "https:" ? https.request : http.request;
    const req = request(
      u,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "user-agent": "shopreg-webhooks/1", ...headers },
        timeout: opts.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on("end", () =>
          resolve(
            done({
              status: res.statusCode ?? null,
              excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8"),
              error: null,
            }),
          ),
        );
        res.on("error", (err) => resolve(done({ status: res.statusCode ?? null, excerpt: null, error: err.message })));
      },
    );
    // The whole exchange, not only idle sockets, must finish within the timeout.
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on("timeout", () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
    req.on("error", (err) => resolve(done({ status: null, excerpt: null, error: err.message })));
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
