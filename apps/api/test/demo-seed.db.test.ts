import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS, seedDemo } from "../src/seed.ts";
import { DEMO_PROGRAMS } from "../src/seed-incentives.ts";
import { startTestApi, type TestApi, type TestResponse } from "../src/testing.ts";
import { rowCounts } from "./helpers.ts";

const DAY = 86_400_000;
type Line = {
  id: string;
  seller_id: string;
  status: string;
  reason_code: string | null;
  decision_at: string | null;
  registered_at: string;
  amount_minor: number;
  reduction_percent: number;
};
type Statement = { id: string; status: string; totals: Record<string, number> };

/**
 * The demo `pnpm start` seeds (apps/api/src/seed.ts), read over HTTP as its people would: the U.S.
 * partner's Incentives page (two programs, lines in every state, a closed and signed statement, an
 * open dispute) and a reviewer's dashboard lists; a second seed adds nothing.
 */
describe.each(testEngines())("the demo seed on $engine", ({ engine }) => {
  let api: TestApi;
  let partner: string;
  let reviewer: string;
  let seedMs: number;
  const signIn = async (path: string, who: { email: string; password: string }) => {
    const res = await api.request(path, { body: { email: who.email, password: who.password } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.setCookie as string).split(";")[0] as string;
  };
  const programs = async () => {
    const res = await api.request("/v1/incentives/programs", { cookie: partner });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const find = (name: string) => {
      const p = res.body.data.find((x: { program: { name: string } }) => x.program.name === name);
      expect(p, name).toBeDefined();
      return p as { program: { id: string; name_zh: string }; statements: Statement[] };
    };
    return { past: find(DEMO_PROGRAMS.past.name), current: find(DEMO_PROGRAMS.current.name) };
  };
  const lines = async (programId: string) => {
    const all: Line[] = [];
    let cursor: string | null = null;
    do {
      const res: TestResponse = await api.request(
        `/v1/incentives/programs/${programId}/statement?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
        { cookie: partner },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      all.push(...res.body.lines);
      cursor = res.body.next_cursor;
    } while (cursor);
    const of = (sellerId: string) => all.find((l) => l.seller_id === sellerId) as Line;
    return { all, of };
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    const started = performance.now();
    expect(await seedDemo(api.services)).toEqual({ seeded: true });
    seedMs = performance.now() - started;
    partner = await signIn("/v1/session", DEMO_LOGINS.usPartner);
    reviewer = await signIn("/v1/staff/session", DEMO_LOGINS.reviewer);
  }, 180_000);
  afterAll(async () => api?.close());

  it("shows the U.S. partner this quarter's program with sellers eligible, pending until a date and excluded with a reason", async () => {
    const { current } = await programs();
    expect(current.program.name_zh).toBe(DEMO_PROGRAMS.current.name_zh);
    const [statement] = current.statements;
    expect(statement?.status).toBe("open");
    const { all, of } = await lines(current.program.id);
    expect(of("demo-seller-45")).toMatchObject({ status: "eligible", amount_minor: 15_000, reason_code: null });
    const pending = of("demo-seller-46");
    expect(pending.status).toBe("pending");
    // Decided 30 days after it registered (the program's first-order window), which is still ahead.
    expect(Date.parse(pending.decision_at as string)).toBe(Date.parse(pending.registered_at) + 30 * DAY);
    expect(Date.parse(pending.decision_at as string)).toBeGreaterThan(Date.now());
    expect(of("demo-seller-47")).toMatchObject({ status: "excluded", reason_code: "governance_risk" });
    expect(of("demo-seller-48")).toMatchObject({ status: "excluded", reason_code: "wrong_link" });
    // Last quarter's sellers appear too, registered outside this period.
    expect(of("demo-seller-41")).toMatchObject({ status: "excluded", reason_code: "onboarded_outside_period" });
    // The demo traffic's sellers: some paid (their first order came), others waiting for it; the totals agree.
    const count = (s: string) => all.filter((l) => l.status === s).length;
    expect(count("eligible")).toBeGreaterThan(1);
    expect(count("pending")).toBeGreaterThan(1);
    expect(statement?.totals).toMatchObject({
      eligible: count("eligible"),
      pending: count("pending"),
      excluded: count("excluded"),
      gross_minor: all.reduce((n, l) => n + l.amount_minor, 0),
    });
  });

  it("shows last quarter's statement closed and signed, and the partner's open dispute on an excluded line", async () => {
    const { past } = await programs();
    const [statement] = past.statements;
    expect(statement?.status).toBe("closed");
    const { of } = await lines(past.program.id);
    expect(of("demo-seller-41")).toMatchObject({ status: "eligible", amount_minor: 10_000 });
    expect(of("demo-seller-42")).toMatchObject({ status: "eligible", amount_minor: 5_000, reduction_percent: 50 });
    const disputed = of("demo-seller-43");
    expect(disputed).toMatchObject({ status: "excluded", reason_code: "no_first_order_in_time" });
    expect(of("demo-seller-44")).toMatchObject({ status: "excluded", reason_code: "wrong_link" });
    expect(statement?.totals).toMatchObject({ eligible: 2, gross_minor: 15_000, payable_minor: 15_000 });

    const signed = await api.request(`/v1/incentives/statements/${statement?.id}/signed`, { cookie: partner });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.statement.statement_id).toBe(statement?.id);

    const disputes = await api.request("/v1/incentives/disputes", { cookie: partner });
    expect(disputes.body.data).toEqual([
      expect.objectContaining({
        status: "open",
        line_id: disputed.id,
        statement_id: statement?.id,
        seller_reference: "demo-seller-43",
      }),
    ]);
  });

  it("gives the dashboard programs, statements and a dispute to review", async () => {
    const { past, current } = await programs();
    const list = await api.request("/v1/staff/incentive-programs", { cookie: reviewer });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([past.program.id, current.program.id]),
    );
    const statements = await api.request("/v1/staff/incentive-statements?limit=100", { cookie: reviewer });
    expect(statements.body.data.map((s: Statement) => s.status).sort()).toEqual(["closed", "open"]);
    const disputes = await api.request("/v1/staff/incentive-disputes?status=open", { cookie: reviewer });
    expect(disputes.status, JSON.stringify(disputes.body)).toBe(200);
    expect(disputes.body.data).toHaveLength(1);
  });

  it("seeds once: a second start adds nothing", async () => {
    const tables = [
      "incentive_programs",
      "incentive_statements",
      "incentive_disputes",
      "seller_events",
      "conversions",
      "clicks",
    ] as const;
    const rows = () => rowCounts(api, tables);
    const before = await rows();
    expect(await seedDemo(api.services)).toEqual({ seeded: false });
    expect(await rows()).toEqual(before);
    console.log(`demo seed on ${engine}: ${Math.round(seedMs)} ms`);
  });

  it("gives a demo database seeded before incentive programs existed its programs on the next start, once", async () => {
    const older = await startTestApi(engine);
    try {
      expect(await seedDemo(older.services, { incentives: false })).toEqual({ seeded: true });
      const none = await rowCounts(older, ["incentive_programs", "incentive_disputes"]);
      expect(none).toEqual({ incentive_programs: 0, incentive_disputes: 0 });
      expect(await seedDemo(older.services)).toEqual({ seeded: true });
      const names = (await older.db.selectFrom("incentive_programs").select("name").execute()).map((p) => p.name).sort();
      expect(names).toEqual([DEMO_PROGRAMS.current.name, DEMO_PROGRAMS.past.name].sort());
      const after = await rowCounts(older, ["incentive_programs", "incentive_statements", "incentive_disputes", "seller_events"]);
      expect(after.incentive_disputes).toBe(1);
      expect(await seedDemo(older.services)).toEqual({ seeded: false });
      expect(
        await rowCounts(older, ["incentive_programs", "incentive_statements", "incentive_disputes", "seller_events"]),
      ).toEqual(after);
    } finally {
      await older.close();
    }
  }, 120_000);
});
