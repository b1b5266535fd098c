import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
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
import { DISPUTE_STATUS_WORDS, DISPUTE_STATUSES, type DisputeStatus } from "@shopreg/domain";
import { fieldErrors } from "@shopreg/web-api";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Title, useCreatePath, useNotify, usePermissions } from "react-admin";
import { formatDateTime } from "../format.tsx";
import { errorWords } from "../i18n/errors.ts";
import { useLang, useT } from "../i18n/index.tsx";
import { api, type Dispute, data, formatMoney, programsQuery, rulesOf, toMinor } from "./api.ts";

const COLORS: Record<DisputeStatus, "warning" | "success" | "error"> = {
  open: "warning",
  accepted: "success",
  rejected: "error",
};

/** The reviewers' queue: partners' disputes of statement lines, accepted (an adjustment line) or rejected with a reason. */
export function DisputeList() {
  const createPath = useCreatePath();
  const { permissions } = usePermissions();
  const canResolve = permissions === "admin" || permissions === "reviewer";
  const [status, setStatus] = useState<DisputeStatus | "">("open");
  const [acting, setActing] = useState<{ dispute: Dispute; accept: boolean } | null>(null);
  const programs = useQuery(programsQuery);
  const disputes = useInfiniteQuery({
    queryKey: ["incentive-disputes", status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET("/v1/staff/incentive-disputes", {
          params: { query: { limit: 50, cursor: pageParam, status: status || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const programOf = (id: string) => programs.data?.data.find((p) => p.id === id);
  const currencyOf = (id: string) => {
    const p = programOf(id);
    return (p && rulesOf(p)?.reward.currency) || "CNY";
  };
  const rows = disputes.data?.pages.flatMap((p) => p.data) ?? [];
  const t = useT();
  const lang = useLang();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={t("incentive_disputes")} />
      <CardContent>
        <TextField
          id="disputes-status"
          select
          size="small"
          label={t("status")}
          value={status}
          onChange={(e) => setStatus(DISPUTE_STATUSES.find((s) => s === e.target.value) ?? "")}
          sx={{ minWidth: 200, mb: 2 }}
        >
          <MenuItem value="">{t("all")}</MenuItem>
          {DISPUTE_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {DISPUTE_STATUS_WORDS[lang][s]}
            </MenuItem>
          ))}
        </TextField>
        {disputes.isPending ? (
          <CircularProgress aria-label={t("loading_disputes")} />
        ) : disputes.error ? (
          <Alert severity="error">{errorWords(disputes.error)}</Alert>
        ) : rows.length === 0 ? (
          <Typography color="text.secondary">{status === "open" ? t("no_open_disputes") : t("no_disputes")}</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t("incentive_disputes")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("raised")}</TableCell>
                  <TableCell>{t("partner")}</TableCell>
                  <TableCell>{t("program")}</TableCell>
                  <TableCell>{t("message")}</TableCell>
                  <TableCell>{t("status")}</TableCell>
                  <TableCell>{t("resolution")}</TableCell>
                  {canResolve ? <TableCell>{t("decide")}</TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((d) => (
                  <TableRow key={d.id} data-dispute={d.id}>
                    <TableCell>{formatDateTime(d.created_at)}</TableCell>
                    <TableCell>
                      <Link to={createPath({ resource: "partners", id: d.partner_id, type: "show" })}>
                        {d.partner_id.slice(0, 8)}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Link to={createPath({ resource: "incentive-programs", id: d.program_id, type: "show" })}>
                        {programOf(d.program_id)?.name ?? d.program_id.slice(0, 8)}
                      </Link>
                    </TableCell>
                    <TableCell sx={{ maxWidth: 420 }}>
                      <span translate="no">{d.message}</span>
                      {d.seller_reference ? (
                        <Typography variant="body2" color="text.secondary">
                          {t("partner_reference", { ref: d.seller_reference })}
                        </Typography>
                      ) : null}
                      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
                        {t("line_ref", { id: d.line_id })}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={COLORS[d.status]}
                        label={DISPUTE_STATUS_WORDS[lang][d.status]}
                      />
                    </TableCell>
                    <TableCell>
                      <span translate="no">{d.resolution_reason ?? "—"}</span>
                      {d.adjustment_minor !== null ? ` (${formatMoney(d.adjustment_minor, currencyOf(d.program_id))})` : ""}
                    </TableCell>
                    {canResolve ? (
                      <TableCell>
                        {d.status === "open" ? (
                          <Stack direction="row" spacing={1}>
                            <Button size="small" variant="outlined" onClick={() => setActing({ dispute: d, accept: true })}>
                              {t("accept")}
                            </Button>
                            <Button size="small" color="error" onClick={() => setActing({ dispute: d, accept: false })}>
                              {t("reject")}
                            </Button>
                          </Stack>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        {disputes.hasNextPage ? (
          <Button onClick={() => void disputes.fetchNextPage()} loading={disputes.isFetchingNextPage} sx={{ mt: 1 }}>
            {t("more_disputes")}
          </Button>
        ) : null}
      </CardContent>
      {acting ? (
        <ResolveDialog
          dispute={acting.dispute}
          accept={acting.accept}
          currency={currencyOf(acting.dispute.program_id)}
          onClose={() => setActing(null)}
        />
      ) : null}
    </Card>
  );
}

/** Accept (with the adjustment and a reason) or reject (with a reason); the dialog says what will happen before it does. */
function ResolveDialog(props: { dispute: Dispute; accept: boolean; currency: string; onClose(): void }) {
  const { dispute, accept, currency } = props;
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const t = useT();
  const minor = toMinor(amount, currency);
  const resolve = useMutation({
    mutationFn: () =>
      accept
        ? data(
            api.POST("/v1/staff/incentive-disputes/{id}/accept", {
              params: { path: { id: dispute.id } },
              body: { adjustment_minor: minor ?? Number.NaN, reason: reason.trim() },
            }),
          )
        : data(
            api.POST("/v1/staff/incentive-disputes/{id}/reject", {
              params: { path: { id: dispute.id } },
              body: { reason: reason.trim() },
            }),
          ),
    onSuccess: async (d) => {
      notify(d.status === "accepted" ? t("dispute_accepted") : t("dispute_rejected"), { type: "success" });
      await queryClient.invalidateQueries({ queryKey: ["incentive-disputes"] });
      await queryClient.invalidateQueries({ queryKey: ["incentive-statements"] });
      props.onClose();
    },
  });
  const errors = fieldErrors(resolve.error);
  const general = resolve.error && Object.keys(errors).length === 0 ? resolve.error : null;
  const title = accept ? t("accept_dispute_title") : t("reject_dispute_title");
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="resolve-title" fullWidth maxWidth="sm">
      <DialogTitle id="resolve-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText translate="no">“{dispute.message}”</DialogContentText>
          {accept ? (
            <TextField
              id="resolve-amount"
              label={t("adjustment_label", { currency })}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={Boolean(errors.adjustment_minor) || (amount !== "" && minor === null)}
              helperText={errors.adjustment_minor ?? (amount !== "" && minor === null ? t("amount_help") : undefined)}
              required
              fullWidth
            />
          ) : null}
          <TextField
            id="resolve-reason"
            label={t("reason_partner_reads")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={Boolean(errors.reason)}
            helperText={errors.reason}
            required
            multiline
            minRows={2}
            fullWidth
          />
          {accept && minor !== null ? (
            <Alert severity="info">{t("adjustment_note", { amount: formatMoney(minor, currency) })}</Alert>
          ) : null}
          {!accept ? <Alert severity="info">{t("line_stays")}</Alert> : null}
          {general ? <Alert severity="error">{errorWords(general)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t("cancel")}</Button>
        <Button
          variant="contained"
          color={accept ? "primary" : "error"}
          disabled={accept && minor === null}
          onClick={() => resolve.mutate()}
          loading={resolve.isPending}
        >
          {accept ? t("accept_and_adjust") : t("reject_dispute")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
