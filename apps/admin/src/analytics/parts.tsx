import { Alert, Button, LinearProgress, Typography } from "@mui/material";
import { formatCount as countIn, formatRate as rateIn } from "@shopreg/analytics-ui";
import { AUDIENCE_LABELS, type Audience } from "@shopreg/domain";
import type { ReactNode } from "react";
import { errorWords } from "../i18n/errors.ts";
import { activeLang, useT } from "../i18n/index.tsx";

// The formatters and report states are the shared analytics UI's, in the page's language.
export { formatDay, ReportState, Section } from "@shopreg/analytics-ui";
export const formatCount = (n: number) => countIn(n, activeLang());
export const formatRate = (part: number, whole: number) => rateIn(part, whole, activeLang());

export const audienceLabel = (a: string | null) => (a ? (AUDIENCE_LABELS[a as Audience]?.[activeLang()] ?? a) : "—");

export function Loading({ what }: { what: string }) {
  const t = useT();
  return <LinearProgress sx={{ my: 2 }} aria-label={t("loading_what", { what })} />;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const t = useT();
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {t("retry")}
        </Button>
      }
    >
      {error ? errorWords(error) : t("report_failed")}
    </Alert>
  );
}

export const Empty = ({ children }: { children: ReactNode }) => (
  <Typography color="text.secondary" sx={{ py: 2 }}>
    {children}
  </Typography>
);
