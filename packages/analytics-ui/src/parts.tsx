import DownloadIcon from "@mui/icons-material/Download";
import { Alert, Box, Button, LinearProgress, Paper, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useAnalyticsText } from "./i18n.tsx";

/** A titled card; the title names the section for screen readers too. */
export function Section({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`${id}-title`} sx={{ p: { xs: 2, sm: 3 }, minWidth: 0 }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap", mb: 1 }}>
        <Typography id={`${id}-title`} variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

/** A plain link to the API's CSV export: the browser downloads it with the session cookie. */
export function CsvButton({ href, report }: { href: string; report: string }) {
  const { t } = useAnalyticsText();
  return (
    <Button component="a" href={href} download size="small" startIcon={<DownloadIcon />} aria-label={t("csvOf", { report })}>
      {t("csv")}
    </Button>
  );
}

export function ReportError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useAnalyticsText();
  const requestId = (error as { requestId?: string } | null)?.requestId;
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {t("retry")}
        </Button>
      }
    >
      {error instanceof Error ? error.message : t("loadFailed")}
      {requestId ? (
        <Typography variant="caption" component="div">
          {requestId}
        </Typography>
      ) : null}
    </Alert>
  );
}

/** Loading, error or the content, for one report; the previous answer stays, dimmed, while a new one loads. */
export function ReportState<T>({
  query,
  what,
  children,
}: {
  query: { data: T | undefined; error: unknown; isError: boolean; isPlaceholderData?: boolean; refetch(): unknown };
  what: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useAnalyticsText();
  if (query.isError && query.data === undefined) return <ReportError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LinearProgress sx={{ my: 2 }} aria-label={t("loading", { what })} />;
  return (
    <Box aria-busy={query.isPlaceholderData ? true : undefined} sx={{ opacity: query.isPlaceholderData ? 0.5 : 1 }}>
      {query.isError ? <ReportError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {children(query.data)}
    </Box>
  );
}
