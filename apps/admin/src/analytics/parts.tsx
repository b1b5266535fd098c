import { Alert, Button, LinearProgress, Typography } from "@mui/material";
import { AUDIENCE_LABELS, type Audience } from "@shopreg/domain";
import type { ReactNode } from "react";

// The formatters and report states are the shared analytics UI's.
export { formatCount, formatDay, formatRate, ReportState, Section } from "@shopreg/analytics-ui";

export const audienceLabel = (a: string | null) => (a ? (AUDIENCE_LABELS[a as Audience]?.en ?? a) : "—");

export const Loading = ({ what }: { what: string }) => <LinearProgress sx={{ my: 2 }} aria-label={`Loading ${what}`} />;

export function ErrorState({ error, onRetry }: { error: unknown; onRetry(): void }) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      {error instanceof Error ? error.message : "The report could not be loaded."}
    </Alert>
  );
}

export const Empty = ({ children }: { children: ReactNode }) => (
  <Typography color="text.secondary" sx={{ py: 2 }}>
    {children}
  </Typography>
);
