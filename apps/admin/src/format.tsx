import { Chip } from "@mui/material";
import {
  APPLICATION_STATUS_WORDS,
  auditActionLabel,
  categoryPathIn,
  categoryWords,
  isApplicationStatus,
  SERVICE_STATUS_LABELS,
  statusWords,
} from "@shopreg/domain";
import { activeLang, localeTag, uiWord, useLang, wordKey } from "./i18n/index.tsx";

const isServiceStatus = (s: string): s is keyof typeof SERVICE_STATUS_LABELS => Object.hasOwn(SERVICE_STATUS_LABELS, s);

/** A partner's entity type in the page's language (an unknown one shows as itself). */
export const entityLabel = (type: string) =>
  type === "US" ? uiWord("entity_us") : type === "NON_US" ? uiWord("entity_non_us") : type;
/** The entity filter's choices, named by message key (react-admin translates them). */
export const ENTITY_CHOICES = [
  { id: "US", name: wordKey("entity_us_long") },
  { id: "NON_US", name: wordKey("entity_non_us_long") },
];

/** A date and time in the page's language, always in UTC (reviewers in different places compare them). */
export const formatDateTime = (iso: unknown) =>
  typeof iso === "string" && iso
    ? `${new Date(iso).toLocaleString(localeTag(), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`
    : "—";

/** A count in the page's language ("1,234"). */
export const formatNumber = (n: number) => n.toLocaleString(localeTag());

const STATUS_COLORS: Record<string, "default" | "primary" | "success" | "error" | "warning" | "info"> = {
  REVIEWING: "primary",
  NEEDS_INFO: "warning",
  APPROVED: "success",
  REJECTED: "error",
  REVOKED: "error",
  WITHDRAWN: "default",
  DRAFT: "default",
  ON: "success",
  OFF: "default",
};

/** A status in the page's language, from the catalogue (a status it does not know shows in plain words). */
export function statusLabel(status: string, kind: "application" | "service" = "application", lang = activeLang()) {
  if (kind === "application" && isApplicationStatus(status)) return APPLICATION_STATUS_WORDS[status][lang];
  if (kind === "service" && isServiceStatus(status)) return SERVICE_STATUS_LABELS[status][lang];
  return statusWords(status);
}

export function StatusChip({ status, kind = "application" }: { status: string; kind?: "application" | "service" }) {
  const lang = useLang();
  // Outlined chips keep text contrast readable for every colour.
  return (
    <Chip size="small" variant="outlined" color={STATUS_COLORS[status] ?? "default"} label={statusLabel(status, kind, lang)} />
  );
}

/** An audit action in words (the domain's vocabulary, which the API's audit writer is typed by). */
export const actionLabel = (a: unknown) => auditActionLabel(String(a), activeLang());

/** A status change in words: "Reviewing → Approved". */
export function transitionLabel(entityType: string, from: string | null, to: string | null) {
  if (!from && !to) return "—";
  const kind = entityType === "service" ? "service" : "application";
  const label = (s: string | null) => (s ? statusLabel(s, kind) : "—");
  return `${label(from)} → ${label(to)}`;
}

/** A category's name in the page's language, from the taxonomy (the API's path is English). */
export const categoryName = (id: string) => categoryWords(id)[activeLang()];
/** A category's root-first path in the page's language. */
export const categoryPath = (id: string, separator = " › ") => categoryPathIn(id, activeLang(), separator);
