import { type ProgramRules, programRulesInput } from "@shopreg/domain";
import type { components } from "@shopreg/sdk";
import { client, data } from "../client.ts";
import { localeTag } from "../i18n/index.tsx";

/** The dashboard's one typed client (paths and bodies checked against the OpenAPI document). */
export const api = client;
export { data };

type Schemas = components["schemas"];
export type Program = Schemas["IncentiveProgram"];
export type ProgramDetail = Schemas["IncentiveProgramDetail"];
export type Statement = Schemas["IncentiveStatement"];
export type Dispute = Schemas["IncentiveDispute"];
export type Preview = Schemas["IncentivePreview"];
export type PreviewInput = Schemas["IncentivePreviewInput"];
export type RulesInput = PreviewInput["rules"];

export const programsQuery = {
  queryKey: ["incentive-programs"],
  queryFn: () => data(api.GET("/v1/staff/incentive-programs", { params: { query: { limit: 100 } } })),
};

/** Digits after the point in a currency (2 for CNY and USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export const formatMoney = (minor: number | null | undefined, currency: string) => {
  if (minor === null || minor === undefined) return "—";
  try {
    return new Intl.NumberFormat(localeTag(), { style: "currency", currency }).format(minor / 10 ** currencyDigits(currency));
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
};

/** What a person types ("2,000.50") in minor units, or null when it is not an amount. */
export function toMinor(text: string, currency: string): number | null {
  const t = text.replace(/[,\s]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t) * 10 ** currencyDigits(currency));
}

export const fromMinor = (minor: number, currency: string) => String(minor / 10 ** currencyDigits(currency));

/** A program's current rules, read with the domain's own schema (the API sends them as a record). */
export function rulesOf(p: Pick<Program, "rules">): ProgramRules | null {
  const r = programRulesInput.safeParse(p.rules);
  return r.success ? r.data : null;
}

export const day = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString(localeTag(), { dateStyle: "medium", timeZone: "UTC" }) : "—";
