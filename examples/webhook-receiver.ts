/**
 * A webhook receiver for shopreg events: verifies each request with the SDK's verifyWebhook,
 * answers 400 to anything unsigned, stale or tampered, ignores events it has already handled
 * (delivery is at least once; event.id is the key) and answers 200 fast.
 *
 *   SHOPREG_WEBHOOK_SECRET=whsec_... PORT=3000 npx tsx examples/webhook-receiver.ts
 *
 * Then add http(s)://<this host>:3000/webhooks as an endpoint (portal, or sdk.webhookEndpoints.create).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from "@shopreg/sdk";

export type Receiver = { url: string; server: Server; close(): Promise<void> };

export async function startWebhookReceiver(opts: {
  port?: number;
  /** The endpoint's secret (a function, so a rotation can swap it without a restart). */
  secret: () => string;
  onEvent: (event: WebhookEvent) => void | Promise<void>;
}): Promise<Receiver> {
  const handled = new Set<string>();
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/webhooks") return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      let event: WebhookEvent;
      try {
        // The raw bytes, not re-serialised JSON: the signature covers them exactly.
        event = verifyWebhook(Buffer.concat(chunks).toString("utf8"), req.headers, opts.secret());
      } catch (err) {
        const reason = err instanceof WebhookVerificationError ? err.reason : "error";
        return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ refused: reason }));
      }
      if (!handled.has(event.id)) {
        handled.add(event.id);
        await opts.onEvent(event);
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, "127.0.0.1", () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = process.env.SHOPREG_WEBHOOK_SECRET;
  if (!secret) {
    console.error("Set SHOPREG_WEBHOOK_SECRET to the endpoint's whsec_... secret.");
    process.exit(1);
  }
  const r = await startWebhookReceiver({
    port: Number(process.env.PORT ?? 3000),
    secret: () => secret,
    onEvent: (e) => {
      // Narrow on type: data is the resource as the API returns it.
      if (e.type === "application.approved") console.log(`approved: ${e.data.id} (${e.data.target_market})`);
      else console.log(`${e.type}: ${e.id}`);
    },
  });
  console.log(`listening on ${r.url}`);
}
