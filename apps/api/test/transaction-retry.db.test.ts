import type { DbHandle } from "@shopreg/db";
import { createTestDb, testEngines } from "@shopreg/db/testing";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../src/logger.ts";
import { TRANSACTION_ATTEMPTS, withTransactionRetry } from "../src/transaction-retry.ts";

/** A logger that keeps what it is given, to assert on the retries it reports. */
function recordingLogger() {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => lines.push({ level, msg, data });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

/** An error raised by the database itself with the given SQLSTATE. */
const raise = (db: Kysely<unknown>, code: string) =>
  sql`DO $$ BEGIN RAISE EXCEPTION 'raised for the test' USING ERRCODE = '${sql.raw(code)}'; END $$`.execute(db);

describe.each(testEngines())("use-case transactions retried on $engine", ({ engine }) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(engine);
    await sql`CREATE TABLE retry_probe (id int PRIMARY KEY, n int NOT NULL)`.execute(handle.db);
    await sql`INSERT INTO retry_probe VALUES (1, 0), (2, 0)`.execute(handle.db);
  });
  afterAll(async () => handle?.close());

  it("redoes the whole transaction after a serialization failure, and its first writes are gone", async () => {
    const { logger, lines } = recordingLogger();
    const db = withTransactionRetry(handle.db as Kysely<unknown>, logger);
    let runs = 0;
    const result = await db
      .transaction()
      .setIsolationLevel("serializable")
      .execute(async (trx) => {
        runs++;
        await sql`UPDATE retry_probe SET n = n + 1 WHERE id = 1`.execute(trx);
        if (runs < 3) await raise(trx, "40001");
        return runs;
      });
    expect(result).toBe(3);
    const { rows } = await sql<{ n: number }>`SELECT n FROM retry_probe WHERE id = 1`.execute(handle.db);
    expect(rows[0]?.n).toBe(1); // two rolled back, one committed
    expect(lines.map((l) => [l.level, l.msg, l.data?.code, l.data?.attempt])).toEqual([
      ["warn", "transaction retried", "40001", 1],
      ["warn", "transaction retried", "40001", 2],
    ]);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} attempts, and never retries any other error`, async () => {
    const { logger } = recordingLogger();
    const db = withTransactionRetry(handle.db as Kysely<unknown>, logger);
    let runs = 0;
    await expect(
      db.transaction().execute(async (trx) => {
        runs++;
        await raise(trx, "40P01");
      }),
    ).rejects.toMatchObject({ code: "40P01" });
    expect(runs).toBe(TRANSACTION_ATTEMPTS);
    runs = 0;
    await expect(
      db.transaction().execute(async (trx) => {
        runs++;
        await sql`INSERT INTO retry_probe VALUES (1, 0)`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      db.transaction().execute(async () => {
        runs++;
        throw new Error("a use case's own refusal");
      }),
    ).rejects.toThrow("a use case's own refusal");
    expect(runs).toBe(1);
  });

  // One connection (PGlite) cannot deadlock: the two transactions below need two.
  it.skipIf(engine === "pglite")("two transactions that deadlock both commit, the loser redone once", async () => {
    const { logger, lines } = recordingLogger();
    const db = withTransactionRetry(handle.db as Kysely<unknown>, logger);
    await sql`UPDATE retry_probe SET n = 0`.execute(handle.db);
    // Each holds its first row before either asks for its second, so the first attempts deadlock.
    let holding = 0;
    let bothHolding: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothHolding = resolve;
    });
    const cross = (first: number, second: number) => {
      let attempt = 0;
      return db.transaction().execute(async (trx) => {
        attempt++;
        await sql`UPDATE retry_probe SET n = n + 1 WHERE id = ${first}`.execute(trx);
        if (attempt === 1) {
          if (++holding === 2) bothHolding();
          await barrier;
        }
        await sql`UPDATE retry_probe SET n = n + 1 WHERE id = ${second}`.execute(trx);
        return attempt;
      });
    };
    const attempts = await Promise.all([cross(1, 2), cross(2, 1)]);
    expect(attempts.sort()).toEqual([1, 2]);
    const { rows } = await sql<{ id: number; n: number }>`SELECT id, n FROM retry_probe ORDER BY id`.execute(handle.db);
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
    expect(lines.map((l) => [l.msg, l.data?.code])).toEqual([["transaction retried", "40P01"]]);
  });
});
