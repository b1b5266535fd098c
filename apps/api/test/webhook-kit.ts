import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { at: number; headers: IncomingHttpHeaders; body: string; json: any; status: number };

/**
 * A real HTTP receiver on 127.0.0.1. `respond` decides each answer (status, or "hang" to never
 * answer, which the sender's timeout must cut).
 */
export async function startReceiver(respond: (r: Omit<Received, "status">, n: number) => number | "hang" = () => 200) {
  const received: Received[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const r = { at: Date.now(), headers: req.headers, body, json: JSON.parse(body) };
      const answer = respond(r, n++);
      if (answer === "hang") return;
      received.push({ ...r, status: answer });
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    /** Goes down (connections refused) for `ms`, then listens on the same port again. */
    async down(ms: number) {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await new Promise((r) => setTimeout(r, ms));
      await new Promise<void>((ok) => server.listen(port, "127.0.0.1", () => ok()));
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * A real SMTP server started in the test; every message is parsed with mailparser. `reject(rcpt)`
 * answers 550 to a recipient; `down(ms)` closes the server (connections refused) and listens on the
 * same port again after `ms`. `rcpts` counts every RCPT TO the server was given, accepted or not.
 */
export async function startSmtp(opts: { reject?: (rcpt: string) => boolean } = {}) {
  const mails: ParsedMail[] = [];
  const rcpts: string[] = [];
  let reject = opts.reject ?? (() => false);
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onRcptTo(address, _session, done) {
        rcpts.push(address.address);
        if (reject(address.address)) {
          const err = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
          err.responseCode = 550;
          done(err);
          return;
        }
        done();
      },
      onData(stream, _session, done) {
        simpleParser(stream)
          .then((m) => {
            mails.push(m);
            done();
          })
          .catch(done);
      },
    });
  let server = create();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rcpts,
    setReject(r: (rcpt: string) => boolean) {
      reject = r;
    },
    /** The messages delivered to `to`. */
    to: (to: string) => mails.filter((m) => (m.to as { text: string } | undefined)?.text === to),
    async down(ms: number) {
      await new Promise<void>((ok) => server.close(() => ok()));
      await new Promise((r) => setTimeout(r, ms));
      server = create();
      await new Promise<void>((ok) => server.listen(port, "127.0.0.1", () => ok()));
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Waits until `check` holds (a bounded wait, not a sleep). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = "condition") {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A well-formed `api_key.created` payload (emit is typed by the event's schema); `name` carries `seq`. */
export const apiKeyPayload = (seq = 0) => ({
  id: `key_${seq}`,
  name: String(seq),
  prefix: "sk_test",
  scopes: [],
  created_at: new Date().toISOString(),
  last_used_at: null,
  revoked_at: null,
});
