import { Chip } from "@mui/material";
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  auditActionLabel,
  SERVICE_STATUS_LABELS,
  type ServiceStatus,
  statusWords,
} from "@shopreg/domain";

export const ENTITY_LABELS: Record<string, string> = { US: "U.S.", NON_US: "Non-U.S." };
export const ENTITY_CHOICES = [
  { id: "US", name: "U.S. (Local-to-Local)" },
  { id: "NON_US", name: "Non-U.S. (Cross-Border)" },
];

export const formatDateTime = (iso: unknown) =>
  typeof iso === "string" && iso
    ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC"
    : "—";

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

export function StatusChip({ status, kind = "application" }: { status: string; kind?: "application" | "service" }) {
  const label =
    kind === "application"
      ? (APPLICATION_STATUS_LABELS[status as ApplicationStatus]?.en ?? status)
      : (SERVICE_STATUS_LABELS[status as ServiceStatus]?.en ?? status);
  // Outlined chips keep text contrast readable for every colour.
  return <Chip size="small" variant="outlined" color={STATUS_COLORS[status] ?? "default"} label={label} />;
}

/** An audit action in words (the domain's vocabulary, which the API's audit writer is typed by). */
export const actionLabel = (a: unknown) => auditActionLabel(String(a));

/** A status change in words: "Reviewing → Approved". */
export function transitionLabel(entityType: string, from: string | null, to: string | null) {
  if (!from && !to) return "—";
  const label = (s: string | null) => {
    if (!s) return "—";
    const labels: Record<string, { en: string }> = entityType === "service" ? SERVICE_STATUS_LABELS : APPLICATION_STATUS_LABELS;
    return labels[s]?.en ?? statusWords(s);
  };
  return `${label(from)} → ${label(to)}`;
}
