import {
  Alert,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Divider,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import type { ProgramRules } from "@shopreg/domain";
import { fieldErrors } from "@shopreg/web-api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Title, useCreatePath, useNotify, useParams, usePermissions } from "react-admin";
import { formatDateTime } from "../format.tsx";
import { errorWords } from "../i18n/errors.ts";
import { useT } from "../i18n/index.tsx";
import { api, data, day, formatMoney, type ProgramDetail, rulesOf } from "./api.ts";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { draftOf, RulesForm, toRules } from "./RulesForm.tsx";

/** The rules in words, as a reviewer reads them. */
function RulesInWords({ r }: { r: ProgramRules }) {
  const money = (m: number | null) => formatMoney(m, r.reward.currency);
  const t = useT();
  const items: [string, string][] = [
    [t("period"), t("rules_period", { from: day(r.period_start), to: day(r.period_end), days: r.grace_days })],
    [t("markets"), r.markets.join(", ")],
    [t("seller_types"), r.seller_types.map((s) => (s === "LOCAL_SELLER" ? t("local") : t("cross_border"))).join(", ")],
    [
      t("partners"),
      r.participation.kind === "all_approved"
        ? t("every_approved_partner")
        : t("listed_partners", { n: r.participation.partner_ids.length }),
    ],
    [t("onboarded_within_period"), r.onboarded_within_period ? t("required") : t("not_required")],
    [
      t("first_order"),
      r.first_order_within_days === null ? t("no_rule") : t("first_order_within", { days: r.first_order_within_days }),
    ],
    [
      t("gmv"),
      r.gmv ? t("gmv_rule", { amount: money(r.gmv.min_minor), currency: r.gmv.currency, days: r.gmv.within_days }) : t("no_rule"),
    ],
    [t("target_list"), r.target_seller_ids ? t("n_sellers", { n: r.target_seller_ids.length }) : t("every_seller")],
    [t("reward"), t("reward_rule", { amount: money(r.reward.amount_minor) })],
    [t("cap_per_partner"), r.cap_per_partner_minor === null ? t("no_cap") : money(r.cap_per_partner_minor)],
    [t("risk_reductions"), t("risk_rule", r.risk_reductions)],
    [
      t("exclusions"),
      [
        r.exclusions.wrong_link ? t("excl_wrong_link") : null,
        r.exclusions.bot_click ? t("excl_bot") : null,
        r.exclusions.duplicate_seller ? t("excl_duplicate") : null,
      ]
        .filter(Boolean)
        .join(", ") || t("none_cap"),
    ],
  ];
  return (
    <Table size="small" aria-label={t("rules")}>
      <TableBody>
        {items.map(([k, v]) => (
          <TableRow key={k}>
            <TableCell component="th" scope="row" sx={{ width: 260, fontWeight: 600 }}>
              {k}
            </TableCell>
            <TableCell>{v}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ProgramShow() {
  const { id = "" } = useParams<{ id: string }>();
  const { permissions } = usePermissions();
  const createPath = useCreatePath();
  const program = useQuery({
    queryKey: ["incentive-programs", id],
    queryFn: () => data(api.GET("/v1/staff/incentive-programs/{id}", { params: { path: { id } } })),
    enabled: Boolean(id),
  });
  const [versioning, setVersioning] = useState(false);
  const t = useT();
  if (program.isPending) return <CircularProgress aria-label={t("loading_program")} sx={{ m: 3 }} />;
  if (program.error) return <Alert severity="error">{errorWords(program.error)}</Alert>;
  const p = program.data;
  const rules = rulesOf(p);
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={t("program_title", { name: p.name })} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h2">
            {p.name}
          </Typography>
          <Typography color="text.secondary" lang="zh-CN" gutterBottom>
            {p.name_zh}
          </Typography>
          <Typography variant="body2" gutterBottom>
            {t("program_meta", { version: p.version, closes: day(p.closes_at) })} ·{" "}
            <Link to={`${createPath({ resource: "incentive-statements", type: "list" })}?program_id=${p.id}`}>
              {t("its_statements")}
            </Link>
          </Typography>
          {rules ? <RulesInWords r={rules} /> : <Alert severity="warning">{t("rules_unreadable")}</Alert>}
          {permissions === "admin" && rules && !versioning ? (
            <Button variant="outlined" sx={{ mt: 2 }} onClick={() => setVersioning(true)}>
              {t("new_version")}
            </Button>
          ) : null}
        </CardContent>
      </Card>
      {versioning && rules ? <NewVersion program={p} rules={rules} onDone={() => setVersioning(false)} /> : null}
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {t("versions")}
          </Typography>
          <Table size="small" aria-label={t("versions")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("version")}</TableCell>
                <TableCell>{t("note")}</TableCell>
                <TableCell>{t("created")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.versions.map((v) => (
                <TableRow key={v.version}>
                  <TableCell>v{v.version}</TableCell>
                  <TableCell translate="no">{v.note}</TableCell>
                  <TableCell>{formatDateTime(v.created_at)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Stack>
  );
}

/** A running program's rules change only here: a new version with a note, previewed, confirmed. */
function NewVersion({ program, rules, onDone }: { program: ProgramDetail; rules: ProgramRules; onDone(): void }) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(rules));
  const [note, setNote] = useState("");
  const [ruleErrors, setRuleErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const t = useT();
  const save = useMutation({
    mutationFn: () =>
      data(
        api.POST("/v1/staff/incentive-programs/{id}/versions", {
          params: { path: { id: program.id } },
          body: { rules: toRules(draft), note: note.trim() },
        }),
      ),
    onMutate: () => setRuleErrors({}),
    onSuccess: async (p) => {
      await queryClient.invalidateQueries({ queryKey: ["incentive-programs"] });
      notify(t("version_published", { version: p.version }), { type: "success" });
      onDone();
    },
    onError: (e) => {
      setConfirming(false);
      setRuleErrors(fieldErrors(e, "rules"));
    },
  });
  const top = fieldErrors(save.error);
  const general = save.error && Object.keys(top).length === 0 && Object.keys(ruleErrors).length === 0 ? save.error : null;
  return (
    <Card>
      <CardContent>
        <Stack spacing={3} component="form" aria-label={t("new_version")} onSubmit={(e) => e.preventDefault()} noValidate>
          <Typography variant="h6" component="h2">
            {t("new_version_n", { n: program.version + 1 })}
          </Typography>
          <TextField
            id="version-note"
            label={t("why_change")}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={Boolean(top.note)}
            helperText={top.note ?? t("why_change_help")}
            required
            fullWidth
          />
          <RulesForm draft={draft} onChange={setDraft} errors={ruleErrors} />
          <Divider />
          <PreviewPanel rules={() => toRules(draft)} onErrors={setRuleErrors} />
          {general ? <Alert severity="error">{errorWords(general)}</Alert> : null}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => setConfirming(true)}>
              {t("publish_version", { n: program.version + 1 })}
            </Button>
            <Button onClick={onDone}>{t("cancel")}</Button>
          </Stack>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="version-title">
        <DialogTitle id="version-title">{t("publish_version_q", { n: program.version + 1 })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t("publish_version_text")}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t("cancel")}</Button>
          <Button variant="contained" onClick={() => save.mutate()} loading={save.isPending}>
            {t("publish")}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
