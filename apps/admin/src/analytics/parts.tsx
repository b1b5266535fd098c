import DownloadIcon from "@mui/icons-material/Download";
import { Alert, Box, Button, Card, CardContent, LinearProgress, Typography } from "@mui/material";
import { AUDIENCE_LABELS, type Audience } from "@shopreg/domain";
import type { ReactNode } from "react";

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** part ÷ whole as a percentage, or an em dash when there is no whole. */
export const formatRate = (part: number, whole: number) =>
  whole ? new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(part / whole) : "—";

/** A bucket's start in the report's time zone: "Nov 3" by day, "Nov 3, 14:00" by hour. */
export function formatBucket(iso: string, interval: "hour" | "day", tz: string, long = false): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    month: "short",
    day: "numeric",
    ...(long ? { weekday: "short" as const } : {}),
    ...(interval === "hour" ? { hour: "2-digit" as const, minute: "2-digit" as const, hourCycle: "h23" as const } : {}),
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) for people: "Nov 3, 2026". */
export const formatDay = (day: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" }).format(new Date(`${day}T00:00:00Z`));

export const audienceLabel = (a: string | null) => (a ? (AUDIENCE_LABELS[a as Audience]?.en ?? a) : "—");

/** A titled card; the title names the section for screen readers too. */
export function Section({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={`${id}-title`} sx={{ minWidth: 0 }}>
      <CardContent>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap", mb: 1 }}>
          <Typography id={`${id}-title`} variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {title}
          </Typography>
          {action}
        </Box>
        {children}
      </CardContent>
    </Card>
  );
}

/** A plain link to the API's CSV export: the browser downloads it with the session cookie. */
export function CsvButton({ href, report }: { href: string; report: string }) {
  return (
    <Button component="a" href={href} download size="small" startIcon={<DownloadIcon />} aria-label={`Download CSV: ${report}`}>
      CSV
    </Button>
  );
}

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

/** Loading, error or the content, for one report. */
export function ReportState<T>({
  query,
  what,
  children,
}: {
  query: { data: T | undefined; error: unknown; isError: boolean; isPlaceholderData?: boolean; refetch(): unknown };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isError && query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Loading what={what} />;
  // The previous range's answer stays visible, dimmed, while the new one loads.
  return (
    <Box aria-busy={query.isPlaceholderData ? true : undefined} sx={{ opacity: query.isPlaceholderData ? 0.5 : 1 }}>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {children(query.data)}
    </Box>
  );
}

export const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  padding: 0,
  margin: "-1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;
