import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDEMPOTENCY_TTL_MS, pruneExpired } from "../src/maintenance.ts";
import { startTestApi, type TestApi } from "../src/testing.ts";

describe.each(testEngines())("pruning expired records on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(async () => api?.close());

  it("forgets expired sessions, day-old idempotency keys and stale signatures, and keeps the rest", async () => {
    const { userId, cookie } = await api.signUp();
    const now = new Date();
    const old = new Date(now.getTime() - IDEMPOTENCY_TTL_MS - 60_000);
    await api.db
      .insertInto("sessions")
      .values({
        id: `expired-${newId()}`,
        user_id: userId,
        created_at: old,
        expires_at: new Date(now.getTime() - 1000),
        last_seen_at: old,
      })
      .execute();
    const key = {
      principal: `user:${userId}`,
      method: "POST",
      path: "/v1/x",
      request_hash: "h",
      status_code: 201,
      response_body: "{}",
    };
    await api.db
      .insertInto("idempotency_keys")
      .values([
        { ...key, key: "old", created_at: old },
        { ...key, key: "fresh", created_at: now },
      ])
      .execute();
    await api.db
      .insertInto("conversion_signatures")
      .values([
        { signature: "sha256=old", received_at: new Date(now.getTime() - 3_600_000) },
        { signature: "sha256=new", received_at: now },
      ])
      .execute();

    const pruned = await pruneExpired({ db: api.db, clock: () => now });
    expect(pruned).toEqual({ sessions: 1, idempotencyKeys: 1, conversionSignatures: 1 });
    expect(
      (await api.db.selectFrom("idempotency_keys").select("key").where("principal", "=", key.principal).execute()).map(
        (r) => r.key,
      ),
    ).toEqual(["fresh"]);
    expect((await api.db.selectFrom("conversion_signatures").select("signature").execute()).map((r) => r.signature)).toEqual([
      "sha256=new",
    ]);
    // The live session still works.
    expect((await api.request("/v1/session", { cookie })).status).toBe(200);
  });
});
