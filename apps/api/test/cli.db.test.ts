import { createCipheriv, randomBytes } from "node:crypto";
import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyId, keyring, open, sealedUnderCurrent } from "../src/auth/sealer.ts";
import { sha256 } from "../src/auth/secrets.ts";
import { rotateSealedSecrets } from "../src/cli/rotate-key.ts";
import { startTestApi, TEST_PASSWORD, type TestApi, totpCode } from "../src/testing.ts";
import { cli, serverEnv } from "./cli-helpers.ts";

/** Issue 24, item 2: the operator's commands on each engine (the engine-free ones are in cli.test.ts). */
describe.each(testEngines())("shopreg on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, { staffAdminsNeedTwoFactor: true });
  });
  afterAll(async () => api?.close());

  it("create-admin: the first admin, with the password rules; a second only with --another; the admin enrols in two-factor and acts", async () => {
    const db = api.handle;
    const short = cli({}, { db, stdin: "short" });
    expect(await short.run("create-admin", "--email", "root@ops.example")).toBe(1);
    expect(short.err()).toContain("Use at least 10 characters");
    expect(await db.db.selectFrom("users").where("email", "=", "root@ops.example").selectAll().execute()).toEqual([]);

    expect(await cli({}, { db }).run("create-admin")).toBe(2);
    expect(await cli({}, { db, stdin: TEST_PASSWORD }).run("create-admin", "--email", "not-an-address")).toBe(1);

    const first = cli({}, { db, stdin: TEST_PASSWORD });
    expect(await first.run("create-admin", "--email", "Root@Ops.example", "--name", "Root")).toBe(0);
    const user = await db.db.selectFrom("users").where("email", "=", "root@ops.example").selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "admin", name: "Root", partner_id: null });
    expect(user.password_hash).not.toContain(TEST_PASSWORD);
    const audit = await db.db.selectFrom("audit_events").where("entity_id", "=", user.id).selectAll().execute();
    expect(audit).toMatchObject([{ action: "create", actor_type: "system", actor_label: "shopreg create-admin" }]);

    const again = cli({}, { db, stdin: TEST_PASSWORD });
    expect(await again.run("create-admin", "--email", "second@ops.example")).toBe(1);
    expect(again.err()).toMatch(/An admin already exists .*--another/);
    const dup = cli({}, { db, stdin: TEST_PASSWORD });
    expect(await dup.run("create-admin", "--email", "root@ops.example", "--another")).toBe(1);
    expect(dup.err()).toContain("already exists");
    expect(await cli({}, { db, stdin: TEST_PASSWORD }).run("create-admin", "--email", "second@ops.example", "--another")).toBe(0);

    // Signs in; two-factor is required before acting, and the enrolment is reachable.
    const login = await api.request("/v1/staff/session", { body: { email: "root@ops.example", password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = login.setCookie?.split(";")[0];
    expect((await api.request("/v1/staff/users", { cookie })).body.error.code).toBe("two_factor_enrolment_required");
    const start = await api.request("/v1/staff/me/two-factor", { method: "POST", cookie });
    expect(start.status).toBe(201);
    const confirm = await api.request("/v1/staff/me/two-factor/confirm", {
      cookie,
      body: { code: totpCode(start.body.secret), password: TEST_PASSWORD },
    });
    expect(confirm.status).toBe(200);
    const staff = await api.request("/v1/staff/users", { cookie });
    expect(staff.status).toBe(200);
    expect(staff.body.data.map((u: { email: string }) => u.email)).toContain("second@ops.example");
  });

  it("rotate-key: interrupted after a batch, run again, every secret re-sealed under the new key and still usable", async () => {
    const config = api.services.config;
    const [oldWebhook, oldTwoFactor] = [config.webhookSecretKey, config.twoFactorKey];
    // Secrets stored under the old keys: webhook endpoints (one rotated, so it has a previous secret),
    // a mailed token waiting in the queue, two-factor secrets; one of each in the formats before key ids.
    const partner = await api.signUp();
    const secrets = new Map<string, string>();
    for (let i = 0; i < 5; i++) {
      const res = await api.request("/v1/webhook-endpoints", {
        cookie: partner.cookie,
        body: { url: `https://hooks.example.com/${i}` },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      secrets.set(res.body.id, res.body.secret);
    }
    const [rotatedId] = [...secrets.keys()];
    const rotated = await api.request(`/v1/webhook-endpoints/${rotatedId}/rotate-secret`, {
      method: "POST",
      cookie: partner.cookie,
    });
    expect(rotated.status).toBe(200);
    const previousSecret = secrets.get(rotatedId!)!;
    secrets.set(rotatedId!, rotated.body.secret);
    const legacy = (key: Buffer, plain: string, prefix: string[]) => {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([c.update(plain, "utf8"), c.final()]);
      return [...prefix, ...[iv, c.getAuthTag(), data].map((b) => b.toString("base64url"))].join(".");
    };
    const legacyId = [...secrets.keys()][1]!;
    await api.db
      .updateTable("webhook_endpoints")
      .set({ secret_ciphertext: legacy(oldWebhook.current.key, secrets.get(legacyId)!, []) })
      .where("id", "=", legacyId)
      .execute();
    const reset = await api.request("/v1/password-resets", { body: { email: partner.email } });
    expect(reset.status).toBe(202);
    const admins = [await api.staff("admin"), await api.staff("admin"), await api.staff("admin")];
    await api.db
      .updateTable("users")
      .set({ totp_secret_enc: legacy(oldTwoFactor.current.key, admins[2]!.totpSecret!, ["v1"]) })
      .where("id", "=", admins[2]!.userId)
      .execute();

    // Step 1 of the README: new keys, the old ones as _PREVIOUS, the servers restarted with them.
    const env = serverEnv({});
    env.WEBHOOK_SECRET_KEY_PREVIOUS = oldWebhook.current.key.toString("hex");
    env.TWO_FACTOR_KEY_PREVIOUS = oldTwoFactor.current.key.toString("hex");
    const webhookRing = keyring(Buffer.from(env.WEBHOOK_SECRET_KEY!, "hex"), [oldWebhook.current.key]);
    const twoFactorRing = keyring(Buffer.from(env.TWO_FACTOR_KEY!, "hex"), [oldTwoFactor.current.key]);
    config.webhookSecretKey = webhookRing;
    config.twoFactorKey = twoFactorRing;

    // Interrupted: the process dies after its first batch of two.
    await expect(
      rotateSealedSecrets(api.handle, "WEBHOOK_SECRET_KEY", webhookRing, {
        batchSize: 2,
        onBatch: () => {
          throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const stored = () =>
      api.db.selectFrom("webhook_endpoints").select(["id", "secret_ciphertext", "previous_secret_ciphertext"]).execute();
    const midway = await stored();
    const done = midway.filter((r) => sealedUnderCurrent(webhookRing, r.secret_ciphertext)).length;
    expect(done).toBe(2);
    // Meanwhile every secret is readable with the ring the servers have.
    for (const r of midway) expect(open(webhookRing, r.secret_ciphertext)).toBe(secrets.get(r.id));

    // Run again through the command: it goes on where it stopped.
    const webhooks = cli(env, { db: api.handle });
    expect(await webhooks.run("rotate-key", "WEBHOOK_SECRET_KEY", "--batch-size", "2"), webhooks.err()).toBe(0);
    expect(webhooks.out()).toMatch(/done, \d+ secrets re-sealed/);
    const twoFactor = cli(env, { db: api.handle });
    expect(await twoFactor.run("rotate-key", "two-factor-key"), twoFactor.err()).toBe(0);
    // Nothing left: a third run re-seals nothing.
    const again = cli(env, { db: api.handle });
    expect(await again.run("rotate-key", "WEBHOOK_SECRET_KEY")).toBe(0);
    expect(again.out()).toContain("done, 0 secrets re-sealed");

    // Step 3: the previous keys are gone; everything still opens and works.
    const onlyNewWebhook = keyring(Buffer.from(env.WEBHOOK_SECRET_KEY!, "hex"));
    const onlyNewTwoFactor = keyring(Buffer.from(env.TWO_FACTOR_KEY!, "hex"));
    config.webhookSecretKey = onlyNewWebhook;
    config.twoFactorKey = onlyNewTwoFactor;
    for (const r of await stored()) {
      expect(r.secret_ciphertext.startsWith(`v2.${keyId(onlyNewWebhook.current.key)}.`)).toBe(true);
      expect(open(onlyNewWebhook, r.secret_ciphertext)).toBe(secrets.get(r.id));
      if (r.id === rotatedId) expect(open(onlyNewWebhook, r.previous_secret_ciphertext!)).toBe(previousSecret);
    }
    const jobs = await sql<{ token: string }>`SELECT job->>'sealed_token' AS token FROM mail_messages
      WHERE job ? 'sealed_token'`.execute(api.db);
    const purposes: string[] = [];
    for (const { token } of jobs.rows) {
      const plain = open(onlyNewWebhook, token);
      const row = await api.db
        .selectFrom("account_tokens")
        .where("token_hash", "=", sha256(plain))
        .selectAll()
        .executeTakeFirst();
      purposes.push(row?.purpose ?? "no such token");
    }
    // The partner's address confirmation (sign-up) and the password reset, each token still the one stored.
    expect(purposes.sort()).toEqual(["email_verification", "password_reset"]);
    // Each admin signs in with a code from the authenticator app enrolled under the old key.
    for (const admin of admins) {
      const res = await api.request("/v1/staff/session", {
        body: { email: admin.email, password: TEST_PASSWORD, code: totpCode(admin.totpSecret!, 1) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // A secret sealed under a key that is neither current nor previous is reported, not lost.
    await api.db
      .updateTable("users")
      .set({ totp_secret_enc: "v2.00000000.aa.bb.cc" })
      .where("id", "=", admins[0]!.userId)
      .execute();
    const unreadable = cli({ ...env, TWO_FACTOR_KEY_PREVIOUS: undefined }, { db: api.handle });
    expect(await unreadable.run("rotate-key", "TWO_FACTOR_KEY")).toBe(1);
    expect(unreadable.err()).toContain(admins[0]!.userId);
  });
});
