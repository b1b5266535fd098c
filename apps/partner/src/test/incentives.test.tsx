import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { createMemoryHistory } from "@tanstack/react-router";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../App.tsx";
import type { PartnerProgram, SignedStatement, SigningKey, Statement, StatementLine } from "../components/incentives/api.ts";
import { createAppRouter } from "../router.tsx";
import { renderAt } from "./render.tsx";
import { apiError, server, signedIn, V1 } from "./server.ts";

const PROGRAM_ID = "7b1f7e43-7c7a-4a53-9b1e-0f5f3f0b6a11";

const statement = (over: Partial<Statement> = {}): Statement => ({
  id: "5d0c3c57-1111-4c9f-a4a5-3d8a1b0a0001",
  program_id: PROGRAM_ID,
  partner_id: "p1",
  sequence: 1,
  program_version: 1,
  status: "open",
  totals: {
    eligible: 1,
    pending: 0,
    excluded: 1,
    gross_minor: 200_000,
    cap_minor: 500_000,
    cap_applied: false,
    adjustments_minor: 0,
    payable_minor: 200_000,
    currency: "CNY",
  },
  closes_at: "2027-05-01T00:00:00.000Z",
  computed_at: "2026-12-01T00:00:00.000Z",
  closed_at: null,
  content_hash: null,
  created_at: "2026-12-01T00:00:00.000Z",
  ...over,
});

const program = (statements: Statement[]): PartnerProgram => ({
  program: {
    id: PROGRAM_ID,
    name: "Q1 activation",
    name_zh: "第一季度激活计划",
    version: 1,
    rules: { period_start: "2027-01-01T00:00:00Z", period_end: "2027-04-01T00:00:00Z" },
    version_note: "",
    closes_at: "2027-05-01T00:00:00.000Z",
    created_at: "2026-12-01T00:00:00.000Z",
    updated_at: "2026-12-01T00:00:00.000Z",
  },
  statements,
});

const line = (over: Partial<StatementLine>): StatementLine => ({
  id: "9a3e0f0e-0000-4000-8000-000000000001",
  kind: "seller",
  seller_id: "seller-1",
  registration_id: "r1",
  registered_at: "2027-01-05T00:00:00.000Z",
  status: "eligible",
  status_words: { en: "Eligible", zh: "符合条件" },
  reason_code: null,
  reason_words: null,
  rule: null,
  rule_words: null,
  decision_at: null,
  waiting_on: [],
  risk_level: null,
  reduction_percent: 0,
  amount_minor: 200_000,
  first_order_at: null,
  gmv_minor: 0,
  dispute_id: null,
  note: null,
  updated_at: "2027-01-06T00:00:00.000Z",
  ...over,
});

const excluded = line({
  id: "9a3e0f0e-0000-4000-8000-000000000002",
  seller_id: "seller-2",
  status: "excluded",
  status_words: { en: "Excluded", zh: "已排除" },
  reason_code: "gmv_below_threshold",
  reason_words: { en: "GMV below the threshold within the allowed days", zh: "规定天数内 GMV 未达门槛" },
  rule: "gmv",
  rule_words: { en: "GMV threshold within N days", zh: "N 天内 GMV 达标" },
  amount_minor: 0,
});

const withStatement = (s: Statement, lines: StatementLine[]) => [
  ...signedIn,
  http.get(`${V1}/incentives/programs`, () => HttpResponse.json({ data: [program([s])] })),
  http.get(`${V1}/incentives/programs/:id/statement`, () => HttpResponse.json({ ...s, lines, next_cursor: null })),
  http.get(`${V1}/incentives/disputes`, () => HttpResponse.json({ data: [], next_cursor: null })),
];

/** RFC 8785 for what these tests sign (integers, booleans, ASCII strings): sorted keys, no spaces. */
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v;

/** A statement signed as the API signs it (docs/incentives.md, "Signature format"), with a key made here. */
function signedDoc(s: Statement): { doc: SignedStatement; key: SigningKey } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });
  const content = { statement_id: s.id, totals: s.totals, lines: [] };
  const bytes = Buffer.from(JSON.stringify(sorted(content)), "utf8");
  const hash = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  return {
    doc: {
      format: "shopreg.incentive-statement.v1",
      statement: content,
      content_hash: hash,
      signature: { alg: "Ed25519", key_id: "0123456789abcdef", value: sign(null, bytes, privateKey).toString("base64url") },
    },
    key: { key_id: "0123456789abcdef", alg: "Ed25519", jwk: { kty: "OKP", crv: "Ed25519", x: jwk.x ?? "" }, pem: "" },
  };
}

describe("Incentives", () => {
  it("says so when the partner is in no program", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/incentives/programs`, () => HttpResponse.json({ data: [] })),
    );
    renderAt("/incentives");
    expect(await screen.findByText("You are not in an incentive program yet")).toBeTruthy();
  });

  it("shows a failure in the reader's language, with a way to try again", { timeout: 20_000 }, async () => {
    let fail = true;
    server.use(
      // Before the defaults: msw answers with the first handler that matches.
      http.get(`${V1}/incentives/programs/:id/statement`, () =>
        fail
          ? apiError(500, "internal_error", "Internal error")
          : HttpResponse.json({ ...statement(), lines: [line({})], next_cursor: null }),
      ),
      ...withStatement(statement(), [line({})]),
    );
    const router = createAppRouter({ history: createMemoryHistory({ initialEntries: ["/incentives"] }) });
    render(<App router={router} lang="zh" />);
    // The Chinese words load on their own chunk first, and a 5xx is retried twice before it shows.
    expect(await screen.findByText("出错了", undefined, { timeout: 10_000 })).toBeTruthy();
    fail = false;
    await userEvent.setup().click(screen.getByRole("button", { name: "重试" }));
    expect(await screen.findByText("seller-1")).toBeTruthy();
    expect(screen.getByText("满足所有规则")).toBeTruthy();
  });

  it("shows each line's state, reason and rule, and disputes a line with a message checked in the reader's language", async () => {
    const posted: unknown[] = [];
    server.use(
      ...withStatement(statement(), [line({}), excluded]),
      http.post(`${V1}/incentives/disputes`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    renderAt("/incentives");
    const row = (await screen.findByText("seller-2")).closest("tr") as HTMLElement;
    expect(within(row).getByText("GMV below the threshold within the allowed days")).toBeTruthy();
    expect(within(row).getByText(/Rule: GMV threshold within N days/)).toBeTruthy();
    expect(screen.getByTestId("total-payable").textContent).toBe("CN¥2,000.00");

    const user = userEvent.setup();
    await user.click(within(row).getByRole("button", { name: "Dispute the line for seller-2" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText(/Message/), "too short");
    await user.click(within(dialog).getByRole("button", { name: "Send dispute" }));
    expect(within(dialog).getByText("Say what is wrong (at least 10 characters).")).toBeTruthy();
    expect(posted).toEqual([]);
    await user.type(within(dialog).getByLabelText(/Message/), ": GMV reached 1,200 CNY on day 2");
    await user.type(within(dialog).getByLabelText(/Your reference/), "LB-1");
    await user.click(within(dialog).getByRole("button", { name: "Send dispute" }));
    await waitFor(() =>
      expect(posted).toEqual([
        { line_id: excluded.id, message: "too short: GMV reached 1,200 CNY on day 2", seller_reference: "LB-1" },
      ]),
    );
  });

  it("checks a closed statement's signature in the browser, and says so when the content was changed", async () => {
    const closed = statement({ status: "closed", closed_at: "2027-05-01T00:00:00.000Z", content_hash: "sha256:x" });
    const { doc, key } = signedDoc(closed);
    const tampered = { ...doc, statement: { ...doc.statement, totals: { ...closed.totals, payable_minor: 9_999_999 } } };
    let served: SignedStatement = doc;
    server.use(
      ...withStatement(closed, [line({})]),
      http.get(`${V1}/incentives/statements/:id/signed`, () => HttpResponse.json(served)),
      http.get(`${V1}/incentives/signing-key`, () => HttpResponse.json(key)),
    );
    const first = renderAt("/incentives");
    expect(await screen.findByText("Signature verified", undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId("content-hash").textContent).toBe(doc.content_hash);
    first.unmount();

    served = tampered;
    renderAt("/incentives");
    expect(await screen.findByText("The signature does not check out", undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText("Its content does not match its hash: it was changed after signing.")).toBeTruthy();
  });
});
