import type { components } from "@shopreg/sdk";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { client, data } from "../../lib/api.ts";

type Schemas = components["schemas"];
export type PartnerProgram = Schemas["PartnerIncentiveProgram"];
export type Statement = Schemas["IncentiveStatement"];
export type StatementTotals = Schemas["IncentiveStatementTotals"];
export type StatementLine = Schemas["IncentiveStatementLine"];
export type LineStatus = StatementLine["status"];
export type Dispute = Schemas["IncentiveDispute"];
export type SignedStatement = Schemas["SignedIncentiveStatement"];
export type SigningKey = Schemas["IncentiveSigningKey"];

export const SIGNING_KEY_URL = "/v1/incentives/signing-key";

export const incentiveProgramsQuery = queryOptions({
  queryKey: ["incentives", "programs"],
  queryFn: () => data(client.GET("/v1/incentives/programs")),
});

/** One page of disputes is plenty to mark the lines under review (one dispute per line at a time). */
export const myDisputesQuery = queryOptions({
  queryKey: ["incentives", "disputes"],
  queryFn: () => data(client.GET("/v1/incentives/disputes", { params: { query: { limit: 100 } } })),
});

export const statementQuery = (programId: string, sequence: number, status: LineStatus | undefined) =>
  infiniteQueryOptions({
    queryKey: ["incentives", "statement", programId, sequence, status ?? "all"],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        client.GET("/v1/incentives/programs/{id}/statement", {
          params: { path: { id: programId }, query: { sequence, status, limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export const signedStatementQuery = (statementId: string) =>
  queryOptions({
    queryKey: ["incentives", "signed", statementId],
    queryFn: () => data(client.GET("/v1/incentives/statements/{id}/signed", { params: { path: { id: statementId } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const signingKeyQuery = queryOptions({
  queryKey: ["incentives", "signing-key"],
  queryFn: () => data(client.GET("/v1/incentives/signing-key")),
  staleTime: Number.POSITIVE_INFINITY,
});

export const csvUrl = (programId: string, sequence: number) =>
  `/v1/incentives/programs/${encodeURIComponent(programId)}/statement.csv?sequence=${sequence}`;

/** Minor units to the currency's own display (fen to yuan, cents to dollars; yen have none). */
export function formatMoney(minor: number, currency: string, lang: "en" | "zh"): string {
  const locale = lang === "zh" ? "zh-CN" : "en-US";
  try {
    const f = new Intl.NumberFormat(locale, { style: "currency", currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export function formatDay(iso: string | null, lang: "en" | "zh"): string {
  if (!iso) return "";
  return new Date(iso).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-US", { dateStyle: "medium" });
}
