import {
  Alert,
  Box,
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
import { STATEMENT_STATUS_WORDS } from "@shopreg/domain";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Title, useCreatePath, useLocation, useNotify, usePermissions } from "react-admin";
import { errorWords } from "../i18n/errors.ts";
import { useLang, useT } from "../i18n/index.tsx";
import { api, data, day, formatMoney, programsQuery } from "./api.ts";

/** Statements across partners (newest first), by program; admins can run the closing job now. */
export function StatementList() {
  const createPath = useCreatePath();
  const location = useLocation();
  const { permissions } = usePermissions();
  const [programId, setProgramId] = useState(() => new URLSearchParams(location.search).get("program_id") ?? "");
  const programs = useQuery(programsQuery);
  const statements = useInfiniteQuery({
    queryKey: ["incentive-statements", programId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET("/v1/staff/incentive-statements", {
          params: { query: { limit: 50, cursor: pageParam, program_id: programId || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const nameOf = (id: string) => programs.data?.data.find((p) => p.id === id)?.name ?? id.slice(0, 8);
  const rows = statements.data?.pages.flatMap((p) => p.data) ?? [];
  const t = useT();
  const lang = useLang();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={t("incentive_statements")} />
      <CardContent>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ mb: 2, alignItems: { sm: "center" } }}>
          <TextField
            id="statements-program"
            select
            size="small"
            label={t("program")}
            value={programId}
            onChange={(e) => setProgramId(e.target.value)}
            sx={{ minWidth: 280 }}
          >
            <MenuItem value="">{t("all_programs")}</MenuItem>
            {programs.data?.data.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ flexGrow: 1 }} />
          {permissions === "admin" ? <RunJob /> : null}
        </Stack>
        {statements.isPending ? (
          <CircularProgress aria-label={t("loading_statements")} />
        ) : statements.error ? (
          <Alert severity="error">{errorWords(statements.error)}</Alert>
        ) : rows.length === 0 ? (
          <Typography color="text.secondary">{t("no_statements")}</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t("incentive_statements")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("partner")}</TableCell>
                  <TableCell>{t("program")}</TableCell>
                  <TableCell>{t("statement")}</TableCell>
                  <TableCell>{t("status")}</TableCell>
                  <TableCell align="right">{t("eligible")}</TableCell>
                  <TableCell align="right">{t("pending")}</TableCell>
                  <TableCell align="right">{t("excluded")}</TableCell>
                  <TableCell align="right">{t("payable")}</TableCell>
                  <TableCell>{t("closes_closed")}</TableCell>
                  <TableCell>{t("content_hash")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((s) => (
                  <TableRow key={s.id} data-statement={s.id}>
                    <TableCell>
                      <Link to={createPath({ resource: "partners", id: s.partner_id, type: "show" })}>
                        {s.partner_id.slice(0, 8)}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Link to={createPath({ resource: "incentive-programs", id: s.program_id, type: "show" })}>
                        {nameOf(s.program_id)}
                      </Link>
                    </TableCell>
                    <TableCell>
                      {s.sequence === 1 ? t("statement_period") : t("statement_adjustments", { n: s.sequence })} · v
                      {s.program_version}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={s.status === "closed" ? "primary" : "default"}
                        label={STATEMENT_STATUS_WORDS[lang][s.status === "closed" ? "closed" : "open"]}
                      />
                    </TableCell>
                    <TableCell align="right">{s.totals.eligible}</TableCell>
                    <TableCell align="right">{s.totals.pending}</TableCell>
                    <TableCell align="right">{s.totals.excluded}</TableCell>
                    <TableCell align="right">
                      {formatMoney(s.totals.payable_minor, s.totals.currency)}
                      {s.totals.cap_applied ? t("cap_applied") : ""}
                    </TableCell>
                    <TableCell>{s.status === "closed" ? day(s.closed_at) : day(s.closes_at)}</TableCell>
                    <TableCell sx={{ fontFamily: "monospace", fontSize: 12 }} title={s.content_hash ?? undefined}>
                      {s.content_hash ? `${s.content_hash.slice(0, 19)}…` : "—"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        {statements.hasNextPage ? (
          <Button onClick={() => void statements.fetchNextPage()} loading={statements.isFetchingNextPage} sx={{ mt: 1 }}>
            {t("more_statements")}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The job that also runs with maintenance (decides due pending lines, closes due statements), run now. */
function RunJob() {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const t = useT();
  const run = useMutation({
    mutationFn: () => data(api.POST("/v1/staff/incentive-statements/run-job")),
    onSuccess: async (r) => {
      setOpen(false);
      notify(t("job_done", { decided: r.decided, closed: r.closed }), { type: "info" });
      await queryClient.invalidateQueries({ queryKey: ["incentive-statements"] });
    },
    onError: (e) => notify(errorWords(e), { type: "error" }),
  });
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>
        {t("run_job")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="run-job-title">
        <DialogTitle id="run-job-title">{t("run_job_title")}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t("run_job_text")}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
          <Button variant="contained" onClick={() => run.mutate()} loading={run.isPending}>
            {t("run_now")}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
