import canonicalize from "canonicalize";
import type { RequestOptions, Transport } from "./core.ts";
import type { components } from "./openapi.gen.ts";
import { type PageData, PagePromise } from "./pagination.ts";

type Schemas = components["schemas"];

export type IncentiveProgram = Schemas["IncentiveProgram"];
export type PartnerIncentiveProgram = Schemas["PartnerIncentiveProgram"];
export type IncentiveStatement = Schemas["IncentiveStatement"];
export type IncentiveStatementWithLines = Schemas["IncentiveStatementWithLines"];
export type IncentiveStatementLine = Schemas["IncentiveStatementLine"];
export type IncentiveDispute = Schemas["IncentiveDispute"];
export type SignedIncentiveStatement = Schemas["SignedIncentiveStatement"];
export type IncentiveSigningKey = Schemas["IncentiveSigningKey"];
export type IncentiveStatementParams = {
  sequence?: number;
  status?: IncentiveStatementLine["status"];
  limit?: number;
  cursor?: string;
};
export type IncentiveDisputeCreateParams = { line_id: string; message: string; seller_reference?: string };

/** Incentive programs you take part in, your statements and disputes (scopes incentives:read / incentives:write). */
export class Incentives {
  constructor(private readonly t: Transport) {}

  /** The programs your account takes part in, with your statements' totals. */
  async programs(options?: RequestOptions): Promise<PartnerIncentiveProgram[]> {
    const res = await this.t.request<{ data: PartnerIncentiveProgram[] }>(
      { method: "GET", path: "/v1/incentives/programs" },
      options,
    );
    return res.data;
  }

  /** Your statement for a program and a page of its lines (sequence 1, the period's, unless asked). */
  statement(
    programId: string,
    params: IncentiveStatementParams = {},
    options?: RequestOptions,
  ): Promise<IncentiveStatementWithLines> {
    return this.t.request(
      { method: "GET", path: `/v1/incentives/programs/${encodeURIComponent(programId)}/statement`, query: params },
      options,
    );
  }

  /** Every line of a statement, page after page. */
  lines(programId: string, params: Omit<IncentiveStatementParams, "cursor"> = {}, options?: RequestOptions) {
    return new PagePromise<IncentiveStatementLine>(async (cursor) => {
      const s = await this.statement(programId, { ...params, ...(cursor ? { cursor } : {}) }, options);
      return { data: s.lines, next_cursor: s.next_cursor } satisfies PageData<IncentiveStatementLine>;
    });
  }

  /** The statement's lines as CSV text with a header row. */
  exportStatement(programId: string, params: { sequence?: number } = {}, options?: RequestOptions): Promise<string> {
    return this.t.request(
      {
        method: "GET",
        path: `/v1/incentives/programs/${encodeURIComponent(programId)}/statement.csv`,
        query: params,
        text: true,
      },
      options,
    );
  }

  /** A closed statement as signed: check it with verifyStatement() and the key from signingKey(). */
  signedStatement(statementId: string, options?: RequestOptions): Promise<SignedIncentiveStatement> {
    return this.t.request(
      { method: "GET", path: `/v1/incentives/statements/${encodeURIComponent(statementId)}/signed` },
      options,
    );
  }

  /** The public key that signs statements (fetch it once and keep it; verification is offline). */
  signingKey(options?: RequestOptions): Promise<IncentiveSigningKey> {
    return this.t.request({ method: "GET", path: "/v1/incentives/signing-key" }, options);
  }

  /** Dispute a line, with a message and optionally your reference for the seller. */
  createDispute(params: IncentiveDisputeCreateParams, options?: RequestOptions): Promise<IncentiveDispute> {
    return this.t.request({ method: "POST", path: "/v1/incentives/disputes", body: params }, options);
  }

  /** Your disputes, newest first. */
  disputes(params: { limit?: number } = {}, options?: RequestOptions): PagePromise<IncentiveDispute> {
    return new PagePromise<IncentiveDispute>((cursor) =>
      this.t.request<PageData<IncentiveDispute>>(
        { method: "GET", path: "/v1/incentives/disputes", query: { ...params, ...(cursor ? { cursor } : {}) } },
        options,
      ),
    );
  }
}

export type StatementVerification =
  | { valid: true; content_hash: string; key_id: string }
  | { valid: false; reason: "unknown_format" | "wrong_key" | "hash_mismatch" | "bad_signature" };

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
const fromBase64Url = (s: string) => {
  const b64 = s
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(s.length / 4) * 4, "=");
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

/**
 * Checks a signed incentive statement offline (docs/incentives.md, "Signature format"): the RFC 8785
 * canonical JSON of `statement` must hash to `content_hash` (SHA-256) and carry a valid Ed25519
 * signature by `key` (the JWK or the whole object from signingKey()). Web Crypto only: Node 20+,
 * browsers, workers. Never throws on a bad document; says why it is not valid.
 */
export async function verifyStatement(
  doc: SignedIncentiveStatement,
  key: IncentiveSigningKey | IncentiveSigningKey["jwk"],
): Promise<StatementVerification> {
  const jwk = "jwk" in key ? key.jwk : key;
  const keyId = "key_id" in key ? key.key_id : undefined;
  if (doc?.format !== "shopreg.incentive-statement.v1" || doc.signature?.alg !== "Ed25519") {
    return { valid: false, reason: "unknown_format" };
  }
  if (keyId && doc.signature.key_id !== keyId) return { valid: false, reason: "wrong_key" };
  const canonical = canonicalize(doc.statement);
  if (canonical === undefined) return { valid: false, reason: "unknown_format" };
  const bytes = new TextEncoder().encode(canonical);
  const digest = `sha256:${hex(await crypto.subtle.digest("SHA-256", bytes))}`;
  if (digest !== doc.content_hash) return { valid: false, reason: "hash_mismatch" };
  try {
    const publicKey = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, [
      "verify",
    ]);
    const ok = await crypto.subtle.verify({ name: "Ed25519" }, publicKey, fromBase64Url(doc.signature.value), bytes);
    return ok ? { valid: true, content_hash: digest, key_id: doc.signature.key_id } : { valid: false, reason: "bad_signature" };
  } catch {
    return { valid: false, reason: "bad_signature" };
  }
}

export type SellerEvent = Schemas["SellerEvent"];
export type SellerEventResult = Schemas["SellerEventResult"];

/**
 * Sends a seller lifecycle event as Seller Center does (for test tools and staging): signed with
 * HMAC-SHA256 over `${timestamp}.${body}` with the shared conversions secret. Production events come
 * from Seller Center itself; never ship the secret to a browser.
 */
export async function sendSellerEvent(opts: {
  baseUrl: string;
  secret: string;
  event: SellerEvent;
  fetch?: typeof fetch;
  now?: () => number;
}): Promise<{ status: number; body: SellerEventResult | { error: { code: string; message: string } } }> {
  const raw = JSON.stringify(opts.event);
  const ts = Math.floor((opts.now ?? Date.now)() / 1000);
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(opts.secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${ts}.${raw}`)));
  const res = await (opts.fetch ?? fetch)(`${opts.baseUrl.replace(/\/+$/, "")}/v1/seller-events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopreg-timestamp": String(ts), "x-shopreg-signature": `sha256=${mac}` },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}
