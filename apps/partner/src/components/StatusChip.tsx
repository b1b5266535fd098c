import { Chip } from "@mui/material";
import { APPLICATION_STATUS_WORDS } from "@shopreg/domain";
import type { ApplicationStatus, ServiceStatus } from "../lib/api.ts";
import { useI18n } from "../lib/i18n.tsx";

// Soft backgrounds with dark text: every pair passes WCAG AA contrast.
const tones = {
  grey: { bgcolor: "#eceff1", color: "#37474f" },
  blue: { bgcolor: "#e3f2fd", color: "#0d47a1" },
  amber: { bgcolor: "#fff3e0", color: "#8a3c00" },
  green: { bgcolor: "#e8f5e9", color: "#1b5e20" },
  red: { bgcolor: "#ffebee", color: "#b71c1c" },
} as const;

const applicationTone: Record<ApplicationStatus, keyof typeof tones> = {
  DRAFT: "grey",
  REVIEWING: "blue",
  NEEDS_INFO: "amber",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "grey",
  REVOKED: "red",
};
const serviceTone: Record<ServiceStatus, keyof typeof tones> = { DRAFT: "grey", ON: "green", OFF: "amber" };

export function ApplicationStatusChip({ status }: { status: ApplicationStatus }) {
  const { pick } = useI18n();
  // The status's words come from the domain catalogue, beside the machine.
  return (
    <Chip
      size="small"
      label={pick(APPLICATION_STATUS_WORDS[status])}
      sx={{ ...tones[applicationTone[status]], fontWeight: 600 }}
    />
  );
}

export function ServiceStatusChip({ status }: { status: ServiceStatus }) {
  const { t } = useI18n();
  return <Chip size="small" label={t(`service.status.${status}`)} sx={{ ...tones[serviceTone[status]], fontWeight: 600 }} />;
}
