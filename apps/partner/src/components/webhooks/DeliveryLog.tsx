import RefreshIcon from "@mui/icons-material/Refresh";
import {
  Alert,
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, data } from "../../lib/api.ts";
import { useApiErrors } from "../../lib/errors.ts";
import { formatDate, type MessageKey, useI18n } from "../../lib/i18n.tsx";
import { ErrorState, LoadingState } from "../states.tsx";
import { type DeliveryStatus, deliveriesQuery, type WebhookDelivery, type WebhookEndpoint } from "./api.ts";

const tones: Record<DeliveryStatus, { bgcolor: string; color: string }> = {
  pending: { bgcolor: "#fff3e0", color: "#8a3c00" },
  succeeded: { bgcolor: "#e8f5e9", color: "#1b5e20" },
  failed: { bgcolor: "#ffebee", color: "#b71c1c" },
};

export function DeliveryStatusChip({ status }: { status: DeliveryStatus }) {
  const { t } = useI18n();
  return <Chip size="small" label={t(`webhooks.status.${status}`)} sx={{ ...tones[status], fontWeight: 600 }} />;
}

/**
 * One endpoint's deliveries, newest first, a page at a time (the API's cursors; earlier cursors are
 * kept so Previous works). While a delivery is pending the page refreshes itself.
 */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, lang } = useI18n();
  const { errorText } = useApiErrors();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const log = useQuery({
    ...deliveriesQuery(endpoint.id, status, cursor),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.data.some((d) => d.status === "pending") ? 1500 : false),
  });
  // A message key, not its text: a notice follows a change of language.
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const redeliver = useMutation({
    mutationFn: (d: WebhookDelivery) =>
      data(client.POST("/v1/webhook-deliveries/{id}/redeliver", { params: { path: { id: d.id } } })),
    onSuccess: async () => {
      setNotice("webhooks.redelivered");
      await queryClient.invalidateQueries({ queryKey: ["webhook-endpoints", endpoint.id, "deliveries"] });
    },
  });
  const filter = (value: string) => {
    setStatus(value === "all" ? undefined : (value as DeliveryStatus));
    setCursors([undefined]);
  };
  const page = log.data;
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
        <Typography variant="h2" sx={{ flexGrow: 1 }}>
          {t("webhooks.log")}
        </Typography>
        <TextField
          select
          size="small"
          id="delivery-status"
          label={t("webhooks.filterStatus")}
          value={status ?? "all"}
          onChange={(e) => filter(e.target.value)}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="all">{t("webhooks.status.all")}</MenuItem>
          <MenuItem value="pending">{t("webhooks.status.pending")}</MenuItem>
          <MenuItem value="succeeded">{t("webhooks.status.succeeded")}</MenuItem>
          <MenuItem value="failed">{t("webhooks.status.failed")}</MenuItem>
        </TextField>
        <Button startIcon={<RefreshIcon />} onClick={() => log.refetch()} disabled={log.isFetching}>
          {t("webhooks.refresh")}
        </Button>
      </Stack>
      {notice ? (
        <Alert severity="success" onClose={() => setNotice(null)}>
          {t(notice)}
        </Alert>
      ) : null}
      {redeliver.error ? <Alert severity="error">{errorText(redeliver.error)}</Alert> : null}
      {log.isPending ? (
        <LoadingState />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => log.refetch()} />
      ) : page && page.data.length === 0 ? (
        <Paper sx={{ p: 3, textAlign: "center" }}>
          <Typography color="text.secondary">{status ? t("webhooks.logEmptyFiltered") : t("webhooks.logEmpty")}</Typography>
        </Paper>
      ) : page ? (
        <TableContainer component={Paper}>
          <Table aria-label={t("webhooks.log")} size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t("webhooks.event")}</TableCell>
                <TableCell>{t("webhooks.deliveryStatus")}</TableCell>
                <TableCell align="right">{t("webhooks.attempts")}</TableCell>
                <TableCell align="right">{t("webhooks.responseCode")}</TableCell>
                <TableCell align="right" sx={{ display: { xs: "none", md: "table-cell" } }}>
                  {t("webhooks.latency")}
                </TableCell>
                <TableCell sx={{ display: { xs: "none", lg: "table-cell" } }}>{t("webhooks.response")}</TableCell>
                <TableCell>{t("webhooks.time")}</TableCell>
                <TableCell>
                  <Box component="span" sx={visuallyHidden}>
                    {t("members.actions")}
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {page.data.map((d) => (
                <TableRow key={d.id} data-testid="delivery-row">
                  <TableCell>
                    <Box component="code" sx={{ fontSize: 13 }}>
                      {d.event_type}
                    </Box>
                  </TableCell>
                  <TableCell>
                    <DeliveryStatusChip status={d.status} />
                  </TableCell>
                  <TableCell align="right">{d.attempts}</TableCell>
                  <TableCell align="right">{d.response_status ?? "—"}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: "none", md: "table-cell" } }}>
                    {d.latency_ms === null ? "—" : `${d.latency_ms} ms`}
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", lg: "table-cell" }, maxWidth: 260 }}>
                    <Box
                      component="span"
                      title={d.error ?? d.response_excerpt ?? ""}
                      sx={{
                        fontFamily: "monospace",
                        fontSize: 12,
                        display: "block",
                        overflow: "hidden",
                        textOverflow: "ellipsis",
                        whiteSpace: "nowrap",
                        color: d.error ? "error.main" : "text.secondary",
                      }}
                    >
                      {d.error ?? d.response_excerpt ?? "—"}
                    </Box>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    {formatDate(d.last_attempt_at ?? d.created_at, lang)}
                    {d.status === "pending" && d.next_attempt_at ? (
                      <Typography variant="caption" component="div" color="text.secondary">
                        {t("webhooks.nextAttempt", { time: formatDate(d.next_attempt_at, lang) })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      onClick={() => redeliver.mutate(d)}
                      disabled={d.status === "pending" || !endpoint.enabled || redeliver.isPending}
                      aria-label={`${t("webhooks.redeliver")} ${d.event_type} ${formatDate(d.created_at, lang)}`}
                    >
                      {t("webhooks.redeliver")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {page && (cursors.length > 1 || page.next_cursor) ? (
        <Stack direction="row" spacing={1} sx={{ justifyContent: "flex-end" }}>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t("webhooks.previous")}
          </Button>
          <Button disabled={!page.next_cursor} onClick={() => page.next_cursor && setCursors([...cursors, page.next_cursor])}>
            {t("webhooks.nextPage")}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}
