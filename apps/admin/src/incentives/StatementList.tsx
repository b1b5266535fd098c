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
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Title, useCreatePath, useLocation, useNotify, usePermissions } from "react-admin";
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
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Incentive statements" />
      <CardContent>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ mb: 2, alignItems: { sm: "center" } }}>
          <TextField
            id="statements-program"
            select
            size="small"
            label="Program"
            value={programId}
            onChange={(e) => setProgramId(e.target.value)}
            sx={{ minWidth: 280 }}
          >
            <MenuItem value="">All programs</MenuItem>
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
          <CircularProgress aria-label="Loading statements" />
        ) : statements.error ? (
          <Alert severity="error">{statements.error.message}</Alert>
        ) : rows.length === 0 ? (
          <Typography color="text.secondary">No statements yet.</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Incentive statements">
              <TableHead>
                <TableRow>
                  <TableCell>Partner</TableCell>
                  <TableCell>Program</TableCell>
                  <TableCell>Statement</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell align="right">Eligible</TableCell>
                  <TableCell align="right">Pending</TableCell>
                  <TableCell align="right">Excluded</TableCell>
                  <TableCell align="right">Payable</TableCell>
                  <TableCell>Closes / closed</TableCell>
                  <TableCell>Content hash</TableCell>
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
                      {s.sequence === 1 ? "Period" : `Adjustments #${s.sequence}`} · v{s.program_version}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={s.status === "closed" ? "primary" : "default"}
                        label={s.status === "closed" ? "Closed" : "Open"}
                      />
                    </TableCell>
                    <TableCell align="right">{s.totals.eligible}</TableCell>
                    <TableCell align="right">{s.totals.pending}</TableCell>
                    <TableCell align="right">{s.totals.excluded}</TableCell>
                    <TableCell align="right">
                      {formatMoney(s.totals.payable_minor, s.totals.currency)}
                      {s.totals.cap_applied ? " (cap applied)" : ""}
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
            More statements
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
  const run = useMutation({
    mutationFn: () => data(api.POST("/v1/staff/incentive-statements/run-job")),
    onSuccess: async (r) => {
      setOpen(false);
      notify(`Incentive job: ${r.decided} pending line(s) decided, ${r.closed} statement(s) closed.`, { type: "info" });
      await queryClient.invalidateQueries({ queryKey: ["incentive-statements"] });
    },
    onError: (e) => notify(e.message, { type: "error" }),
  });
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>
        Run the incentive job now
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="run-job-title">
        <DialogTitle id="run-job-title">Run the incentive job now?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            It decides pending lines whose date has passed and closes (and signs) every statement past its closing date. A closed
            statement never changes.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" onClick={() => run.mutate()} loading={run.isPending}>
            Run now
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
