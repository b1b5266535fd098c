import DownloadIcon from "@mui/icons-material/Download";
import {
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
import { oneOf } from "@shopreg/analytics-ui/search";
import { PROGRAM_RULE_WORDS } from "@shopreg/domain";
import { useInfiniteQuery, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, type SearchSchemaInput, useNavigate } from "@tanstack/react-router";
import { lazy, Suspense, useState } from "react";
import {
  csvUrl,
  type Dispute,
  formatDay,
  formatMoney,
  incentiveProgramsQuery,
  type LineStatus,
  myDisputesQuery,
  type PartnerProgram,
  type Statement,
  type StatementLine,
  statementQuery,
} from "../../components/incentives/api.ts";
import { DisputeDialog } from "../../components/incentives/DisputeDialog.tsx";
import { Verification } from "../../components/incentives/Verification.tsx";
import { useIncentiveI18n } from "../../components/incentives/words.ts";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { RouteError } from "../../components/webhooks/RouteError.tsx";
import { usePermissions } from "../../lib/can.ts";
import { formatDate } from "../../lib/i18n.tsx";

// The charts library loads only when a statement is on screen (the table and totals come first).
const IncentiveCharts = lazy(() => import("../../components/incentives/IncentiveCharts.tsx"));

const STATUSES = ["eligible", "pending", "excluded", "adjustment"] as const;

export const Route = createFileRoute("/_auth/incentives")({
  validateSearch: (s: { program?: unknown; sequence?: unknown; status?: unknown } & SearchSchemaInput) => ({
    program: typeof s.program === "string" && /^[0-9a-f-]{36}$/.test(s.program) ? s.program : undefined,
    sequence: typeof s.sequence === "number" && Number.isInteger(s.sequence) && s.sequence >= 1 ? s.sequence : undefined,
    status: oneOf(s.status, STATUSES),
  }),
  loader: ({ context }) => context.queryClient.ensureQueryData(incentiveProgramsQuery),
  pendingComponent: LoadingState,
  errorComponent: RouteError,
  component: IncentivesPage,
});

// Soft backgrounds with dark text (WCAG AA), as the other status chips.
const TONES: Record<LineStatus, { bgcolor: string; color: string }> = {
  eligible: { bgcolor: "#e8f5e9", color: "#1b5e20" },
  pending: { bgcolor: "#fff3e0", color: "#8a3c00" },
  excluded: { bgcolor: "#eceff1", color: "#37474f" },
  adjustment: { bgcolor: "#e3f2fd", color: "#0d47a1" },
};
const DISPUTE_TONES: Record<Dispute["status"], { bgcolor: string; color: string }> = {
  open: TONES.pending,
  accepted: TONES.eligible,
  rejected: { bgcolor: "#ffebee", color: "#b71c1c" },
};

/** The incentive programs the partner takes part in: progress per seller and rule, the statement, its signature, disputes. */
function IncentivesPage() {
  const { t, pick } = useIncentiveI18n();
  const search = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const { data: programs } = useSuspenseQuery(incentiveProgramsQuery);
  if (programs.data.length === 0) {
    return (
      <Stack spacing={2}>
        <Typography variant="h1">{t("incentives.title")}</Typography>
        <EmptyState title={t("incentives.empty")} help={t("incentives.emptyHelp")} />
      </Stack>
    );
  }
  const current = programs.data.find((p) => p.program.id === search.program) ?? programs.data[0];
  if (!current) return null;
  return (
    <Stack spacing={2}>
      <Typography variant="h1">{t("incentives.title")}</Typography>
      {programs.data.length > 1 ? (
        <TextField
          id="incentives-program"
          select
          label={t("incentives.program")}
          value={current.program.id}
          onChange={(e) => void navigate({ search: { program: e.target.value }, replace: true })}
          sx={{ maxWidth: 420 }}
        >
          {programs.data.map((p) => (
            <MenuItem key={p.program.id} value={p.program.id}>
              {pick({ en: p.program.name, zh: p.program.name_zh })}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      <ProgramView key={current.program.id} entry={current} />
    </Stack>
  );
}

function ProgramView({ entry }: { entry: PartnerProgram }) {
  const { t, lang, pick } = useIncentiveI18n();
  const search = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const { program, statements } = entry;
  const rules = program.rules;
  const statement = statements.find((s) => s.sequence === (search.sequence ?? 1)) ?? statements[0];
  const period = (k: "period_start" | "period_end") => {
    const v = rules[k];
    return typeof v === "string" ? formatDay(v, lang) : "";
  };
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h2" gutterBottom>
          {pick({ en: program.name, zh: program.name_zh })}
        </Typography>
        <Typography color="text.secondary">
          {t("incentives.period", { from: period("period_start"), to: period("period_end") })} ·{" "}
          {t("incentives.closesAt", { date: formatDay(program.closes_at, lang) })} ·{" "}
          {t("incentives.version", { n: String(program.version) })}
        </Typography>
      </Paper>
      {!statement ? (
        <EmptyState title={t("incentives.noStatement")} help={t("incentives.noStatementHelp")} />
      ) : (
        <StatementView
          programId={program.id}
          statement={statement}
          sequences={statements.map((s) => s.sequence)}
          onSequence={(sequence) =>
            void navigate({ search: (prev) => ({ ...prev, sequence, status: undefined }), replace: true })
          }
        />
      )}
    </Stack>
  );
}

function StatementView(props: {
  programId: string;
  statement: Statement;
  sequences: number[];
  onSequence(sequence: number): void;
}) {
  const { t, lang } = useIncentiveI18n();
  const { statement: s } = props;
  const { totals } = s;
  const money = (v: number) => formatMoney(v, totals.currency, lang);
  const figures = [
    { key: "eligible", label: t("incentives.state.eligible"), value: String(totals.eligible) },
    { key: "pending", label: t("incentives.state.pending"), value: String(totals.pending) },
    { key: "excluded", label: t("incentives.state.excluded"), value: String(totals.excluded) },
    { key: "gross", label: t("incentives.gross"), value: money(totals.gross_minor) },
    {
      key: "cap",
      label: t("incentives.cap"),
      value: totals.cap_minor === null ? t("incentives.noCap") : money(totals.cap_minor),
    },
    { key: "adjustments", label: t("incentives.adjustments"), value: money(totals.adjustments_minor) },
    { key: "payable", label: t("incentives.payable"), value: money(totals.payable_minor) },
  ];
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ alignItems: { sm: "center" }, mb: 2 }}>
          <Typography variant="h2" sx={{ flexGrow: 1 }}>
            {t("incentives.statement")}
          </Typography>
          {props.sequences.length > 1 ? (
            <TextField
              id="incentives-sequence"
              select
              size="small"
              label={t("incentives.sequence")}
              value={s.sequence}
              onChange={(e) => props.onSequence(Number(e.target.value))}
            >
              {props.sequences.map((n) => (
                <MenuItem key={n} value={n}>
                  {n === 1 ? t("incentives.sequence.period") : t("incentives.sequence.adjustments", { n: String(n) })}
                </MenuItem>
              ))}
            </TextField>
          ) : null}
          <Chip
            label={s.status === "closed" ? t("incentives.closed") : t("incentives.open")}
            sx={{ ...(s.status === "closed" ? TONES.adjustment : TONES.pending), fontWeight: 600 }}
          />
          <Button
            component="a"
            href={csvUrl(props.programId, s.sequence)}
            download
            variant="outlined"
            startIcon={<DownloadIcon />}
          >
            {t("incentives.csv")}
          </Button>
        </Stack>
        <Box component="dl" sx={{ display: "grid", gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(7, 1fr)" }, gap: 2, m: 0 }}>
          {figures.map((f) => (
            <Box key={f.key}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {f.label}
              </Typography>
              <Typography component="dd" variant="h3" sx={{ m: 0 }} data-testid={`total-${f.key}`}>
                {f.value}
              </Typography>
            </Box>
          ))}
        </Box>
        {totals.cap_applied ? (
          <Typography sx={{ mt: 1 }} data-testid="cap-applied">
            {t("incentives.capApplied", { cap: totals.cap_minor === null ? "" : money(totals.cap_minor) })}
          </Typography>
        ) : null}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {s.status === "closed"
            ? t("incentives.closedAt", { date: formatDate(s.closed_at, lang) })
            : t("incentives.openHelp", { date: formatDate(s.closes_at, lang), computed: formatDate(s.computed_at, lang) })}
        </Typography>
      </Paper>
      {s.status === "closed" ? (
        <Paper sx={{ p: 2 }}>
          <Typography variant="h2" gutterBottom>
            {t("incentives.verify.title")}
          </Typography>
          <Verification statementId={s.id} />
        </Paper>
      ) : null}
      <Paper sx={{ p: 2 }}>
        <Suspense fallback={<LoadingState />}>
          <IncentiveCharts totals={totals} />
        </Suspense>
      </Paper>
      <Lines programId={props.programId} statement={s} />
      <Disputes />
    </Stack>
  );
}

function Lines({ programId, statement }: { programId: string; statement: Statement }) {
  const { t, lang, pick } = useIncentiveI18n();
  const { status } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const { has } = usePermissions();
  const canDispute = has("incentives:write");
  const lines = useInfiniteQuery(statementQuery(programId, statement.sequence, status));
  const disputes = useQuery(myDisputesQuery);
  const [disputing, setDisputing] = useState<StatementLine | null>(null);
  const disputeOf = (line: StatementLine) => disputes.data?.data.find((d) => d.line_id === line.id);
  const money = (v: number) => formatMoney(v, statement.totals.currency, lang);
  const rows = lines.data?.pages.flatMap((p) => p.lines) ?? [];
  const detail = (l: StatementLine) => {
    if (l.status === "excluded") {
      return (
        <>
          {l.reason_words ? pick(l.reason_words) : null}
          {l.rule_words ? (
            <Typography variant="body2" color="text.secondary" component="span" sx={{ display: "block" }}>
              {t("incentives.byRule", { rule: pick(l.rule_words) })} ({l.reason_code})
            </Typography>
          ) : null}
        </>
      );
    }
    if (l.status === "pending") {
      return (
        <>
          {t("incentives.decidedBy", { date: formatDay(l.decision_at, lang) })}
          {l.waiting_on.length > 0 ? (
            <Typography variant="body2" color="text.secondary" component="span" sx={{ display: "block" }}>
              {t("incentives.waitingOn", {
                rules: l.waiting_on.map((r) => PROGRAM_RULE_WORDS[lang][r]).join(lang === "zh" ? "、" : ", "),
              })}
            </Typography>
          ) : null}
        </>
      );
    }
    if (l.status === "adjustment") return l.note ?? "";
    return l.reduction_percent > 0 ? t("incentives.reduced", { pct: String(l.reduction_percent) }) : t("incentives.allRulesMet");
  };
  return (
    <Paper sx={{ p: 2 }}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ alignItems: { sm: "center" }, mb: 1 }}>
        <Typography variant="h2" id="lines-title" sx={{ flexGrow: 1 }}>
          {t("incentives.sellers")}
        </Typography>
        <TextField
          id="incentives-status"
          select
          size="small"
          label={t("incentives.filter")}
          value={status ?? "all"}
          onChange={(e) => {
            const v = e.target.value;
            void navigate({
              search: (prev) => ({ ...prev, status: v === "all" ? undefined : oneOf(v, STATUSES) }),
              replace: true,
            });
          }}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="all">{t("incentives.filter.all")}</MenuItem>
          {STATUSES.map((st) => (
            <MenuItem key={st} value={st}>
              {t(`incentives.state.${st}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {lines.isPending ? (
        <LoadingState />
      ) : lines.error ? (
        <ErrorState error={lines.error} onRetry={() => void lines.refetch()} />
      ) : rows.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {status ? t("incentives.noLinesFiltered") : t("incentives.noSellers")}
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="lines-title">
            <TableHead>
              <TableRow>
                <TableCell>{t("incentives.col.seller")}</TableCell>
                <TableCell>{t("incentives.col.registered")}</TableCell>
                <TableCell>{t("incentives.col.state")}</TableCell>
                <TableCell>{t("incentives.col.why")}</TableCell>
                <TableCell align="right">{t("incentives.col.amount")}</TableCell>
                <TableCell>{t("incentives.col.dispute")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((l) => {
                const d = disputeOf(l);
                const label = l.seller_id ?? t("incentives.state.adjustment");
                return (
                  <TableRow key={l.id} data-line={l.id}>
                    <TableCell sx={{ fontFamily: "monospace" }}>{label}</TableCell>
                    <TableCell>{formatDay(l.registered_at, lang)}</TableCell>
                    <TableCell>
                      <Chip size="small" label={pick(l.status_words)} sx={{ ...TONES[l.status], fontWeight: 600 }} />
                    </TableCell>
                    <TableCell>{detail(l)}</TableCell>
                    <TableCell align="right">{money(l.amount_minor)}</TableCell>
                    <TableCell>
                      {d ? (
                        <Chip
                          size="small"
                          label={t(`incentives.disputeState.${d.status}`)}
                          sx={{ ...DISPUTE_TONES[d.status], fontWeight: 600 }}
                        />
                      ) : canDispute && l.kind === "seller" ? (
                        <Button
                          size="small"
                          onClick={() => setDisputing(l)}
                          aria-label={t("incentives.disputeLine", { seller: label })}
                        >
                          {t("incentives.dispute")}
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {lines.hasNextPage ? (
        <Box sx={{ textAlign: "center", mt: 1 }}>
          <Button onClick={() => void lines.fetchNextPage()} loading={lines.isFetchingNextPage}>
            {t("incentives.more")}
          </Button>
        </Box>
      ) : null}
      {disputing ? <DisputeDialog line={disputing} onClose={() => setDisputing(null)} /> : null}
    </Paper>
  );
}

function Disputes() {
  const { t, lang } = useIncentiveI18n();
  const disputes = useQuery(myDisputesQuery);
  const { data: programs } = useSuspenseQuery(incentiveProgramsQuery);
  const currencyOf = (programId: string) =>
    programs.data.find((p) => p.program.id === programId)?.statements[0]?.totals.currency ?? "CNY";
  if (disputes.isPending) return null;
  if (disputes.error) return <ErrorState error={disputes.error} onRetry={() => void disputes.refetch()} />;
  const list = disputes.data.data;
  return (
    <Paper sx={{ p: 2 }}>
      <Typography variant="h2" id="disputes-title" gutterBottom>
        {t("incentives.disputes")}
      </Typography>
      {list.length === 0 ? (
        <Typography color="text.secondary">{t("incentives.noDisputes")}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="disputes-title">
            <TableHead>
              <TableRow>
                <TableCell>{t("incentives.col.raised")}</TableCell>
                <TableCell>{t("incentives.dispute.message")}</TableCell>
                <TableCell>{t("incentives.col.state")}</TableCell>
                <TableCell>{t("incentives.col.resolution")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((d) => (
                <TableRow key={d.id} data-dispute={d.id}>
                  <TableCell>{formatDate(d.created_at, lang)}</TableCell>
                  <TableCell>
                    {d.message}
                    {d.seller_reference ? (
                      <Typography variant="body2" color="text.secondary" component="span" sx={{ display: "block" }}>
                        {t("incentives.dispute.reference")}: {d.seller_reference}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={t(`incentives.disputeState.${d.status}`)}
                      sx={{ ...DISPUTE_TONES[d.status], fontWeight: 600 }}
                    />
                  </TableCell>
                  <TableCell>
                    {d.status === "open" ? t("incentives.underReview") : d.resolution_reason}
                    {d.status === "accepted" && d.adjustment_minor !== null ? (
                      <Typography variant="body2" color="text.secondary" component="span" sx={{ display: "block" }}>
                        {t("incentives.adjustmentOf", {
                          amount: formatMoney(d.adjustment_minor, currencyOf(d.program_id), lang),
                        })}
                      </Typography>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
