import { createHash } from "node:crypto";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { expectError } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

/**
 * Mail that is never lost or sent twice (issue 22, items 7 and 8), against a real SMTP server that
 * rejects a recipient and goes away. The retry schedule is shortened by configuration (the
 * production one spans about 16 hours); the logic is the production one.
 */
const TOKEN = "test-metrics-token-mail-0123456789";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The rate_limits key of an address's hourly mail count (hashed: no address in clear there). */
const recipientCapKey = (to: string) => `mail-to:${createHash("sha256").update(to.toLowerCase()).digest("base64url")}`;

describe.each(testEngines())("mail delivery on $engine", ({ engine }) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let api: TestApi;
  let admin: { cookie: string };

  beforeAll(async () => {
    smtp = await startSmtp({ reject: (rcpt) => rcpt.startsWith("bounce") });
    process.env.API_METRICS_TOKEN = TOKEN;
    // Four attempts, 0.2 s to 0.8 s apart.
    api = await startTestApi(engine, { smtpUrl: smtp.url, mailRetrySchedule: [0.2, 0.4, 0.8] });
    delete process.env.API_METRICS_TOKEN;
    admin = await api.staff("admin");
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const scrape = async () => (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

  it("a recipient answered 550 among six invitations sent at once: each other one gets one copy; it is retried, then dead, counted and listed for staff", async () => {
    const owner = await api.signUp();
    const tag = Math.random().toString(36).slice(2, 8);
    const bad = `bounce-${tag}@example.com`;
    const good = [1, 2, 3, 4, 5].map((i) => `member${i}-${tag}@example.com`);
    // Queued together before the worker starts, so one fetch takes all six as one batch.
    for (const email of [good[0], good[1], bad, good[2], good[3], good[4]]) {
      const res = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email, role: "analyst" } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await api.startWorker({ batchSize: 20 });

    await until(() => good.every((to) => smtp.to(to).length > 0), 10_000, "the five invitations");
    // The rejected one is tried once per step of the schedule (4 attempts), then given up on.
    await until(() => smtp.rcpts.filter((r) => r === bad).length >= 4, 15_000, "every attempt at the rejected one");
    await sleep(2_000); // let a re-sent batch or a fifth attempt show
    for (const to of good) expect(smtp.to(to), to).toHaveLength(1);
    expect(smtp.to(bad)).toHaveLength(0);
    expect(smtp.rcpts.filter((r) => r === bad)).toHaveLength(4);
    for (const to of good)
      expect(
        smtp.rcpts.filter((r) => r === to),
        to,
      ).toHaveLength(1);

    const row = await api.db.selectFrom("mail_messages").selectAll().where("recipient", "=", bad).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "dead", attempts: 4, kind: "invitation" });
    expect(row.last_error).toMatch(/550/);

    // Visible: a metric, and a list for staff admins (not for other staff, nor partners).
    expect(await scrape()).toMatch(/^api_mail_dead_letters [1-9]/m);
    expect(await scrape()).toMatch(/api_mail_messages_total\{outcome="dead",kind="invitation"\} [1-9]/);
    const list = await api.request("/v1/staff/mail/dead-letters", { cookie: admin.cookie });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const listed = list.body.data.find((m: { recipient: string }) => m.recipient === bad);
    expect(listed).toMatchObject({ kind: "invitation", status: "dead", attempts: 4, last_error: expect.stringMatching(/550/) });
    expect(JSON.stringify(list.body)).not.toContain("sealed_token"); // the link's token never leaves the server
    const reviewer = await api.staff("reviewer");
    expectError(await api.request("/v1/staff/mail/dead-letters", { cookie: reviewer.cookie }), 403);
    expectError(await api.request("/v1/staff/mail/dead-letters", { cookie: owner.cookie }), 401);

    // The mailbox is fixed: a staff admin retries it, and it arrives once, with a working link.
    smtp.setReject(() => false);
    const retried = await api.request(`/v1/staff/mail/dead-letters/${listed.id}/retry`, { cookie: admin.cookie, method: "POST" });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ id: listed.id, status: "pending" });
    await until(() => smtp.to(bad).length > 0, 10_000, "the retried invitation");
    await sleep(500);
    expect(smtp.to(bad)).toHaveLength(1);
    expect(smtp.to(bad)[0]?.text).toMatch(/accept-invitation\?token=/);
    const after = await api.db.selectFrom("mail_messages").selectAll().where("id", "=", listed.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("sent");
    expect(JSON.stringify(after.job)).not.toContain("sealed_token"); // not kept once sent
    const again = await api.request("/v1/staff/mail/dead-letters", { cookie: admin.cookie });
    expect(again.body.data.map((m: { id: string }) => m.id)).not.toContain(listed.id);
    expectError(
      await api.request(`/v1/staff/mail/dead-letters/${listed.id}/retry`, { cookie: admin.cookie, method: "POST" }),
      404,
    );
    const audit = await api.db.selectFrom("audit_events").selectAll().where("entity_id", "=", listed.id).execute();
    expect(audit.map((a) => [a.entity_type, a.action, a.from_status, a.to_status])).toEqual([
      ["mail_message", "redeliver", "dead", "pending"],
    ]);
    smtp.setReject((rcpt) => rcpt.startsWith("bounce"));
  }, 60_000);

  it("the SMTP server is down for a while (longer than the old five retries a second apart), then back: the mail arrives exactly once", async () => {
    await api.close();
    // Eight attempts over about 21 s (+-20%); the server is away for 10 s of them.
    api = await startTestApi(engine, { smtpUrl: smtp.url, mailRetrySchedule: [0.5, 1, 2, 3, 4, 5, 6] });
    const owner = await api.signUp();
    await api.startWorker();
    const down = smtp.down(10_000);
    await sleep(200);
    const asked = Date.now();
    expect((await api.request("/v1/password-resets", { body: { email: owner.email } })).status).toBe(202);
    await down;
    const resets = () => smtp.to(owner.email).filter((m) => m.subject === "Reset your shopreg password");
    await until(() => resets().length > 0, 30_000, "the reset mail");
    expect(Date.now() - asked).toBeGreaterThan(9_000);
    await sleep(2_000);
    expect(resets()).toHaveLength(1);
    const row = await api.db
      .selectFrom("mail_messages")
      .selectAll()
      .where("recipient", "=", owner.email)
      .where("kind", "=", "password_reset")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(row.attempts).toBeGreaterThan(2);
    expect(resets()[0]?.messageId).toBe(`<${row.id}@shopreg.mail>`);
  }, 60_000);

  it("one address receives at most the hourly cap of account mail: sign-ups with a known address stop mailing its owner", async () => {
    await api.close();
    api = await startTestApi(engine, { smtpUrl: smtp.url, mailPerRecipientPerHour: 3 });
    const owner = await api.signUp();
    await api.startWorker();
    // The owner's own confirmation mail was the first of the hour.
    for (let i = 0; i < 6; i++) {
      const res = await api.request("/v1/partners", {
        body: {
          company_name: `Copycat ${i}`,
          registration_region: "US",
          company_registration_region: "US",
          contact_name: "Mallory",
          contact_email: owner.email,
          password: "another-long-password",
        },
      });
      expect(res.status).toBe(202);
    }
    const attempts = () => smtp.to(owner.email).filter((m) => m.subject?.startsWith("Someone tried to sign up"));
    await until(() => attempts().length >= 2, 10_000, "the sign-up attempt mails");
    await sleep(1_500);
    expect(attempts()).toHaveLength(2);
    expect(smtp.to(owner.email)).toHaveLength(3);
    const counted = await api.db
      .selectFrom("rate_limits")
      .selectAll()
      .where("key", "=", recipientCapKey(owner.email))
      .executeTakeFirstOrThrow();
    expect(Number(counted.hits)).toBe(7);
    expect(counted.key).not.toContain(owner.email); // the address is not kept in clear there
    // Another address is not affected.
    const other = await api.signUp();
    await until(() => smtp.to(other.email).length > 0, 10_000, "another address's mail");
  }, 60_000);
});
