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
import { api, data, day, formatMoney, type ProgramDetail, rulesOf } from "./api.ts";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { draftOf, RulesForm, toRules } from "./RulesForm.tsx";

/** The rules in words, as a reviewer reads them. */
function RulesInWords({ r }: { r: ProgramRules }) {
  const money = (m: number | null) => formatMoney(m, r.reward.currency);
  const items: [string, string][] = [
    ["Period", `${day(r.period_start)} – ${day(r.period_end)} (statements close ${r.grace_days} days after)`],
    ["Markets", r.markets.join(", ")],
    ["Seller types", r.seller_types.map((t) => (t === "LOCAL_SELLER" ? "Local" : "Cross-border")).join(", ")],
    [
      "Partners",
      r.participation.kind === "all_approved"
        ? "Every approved partner in these markets"
        : `${r.participation.partner_ids.length} listed partner(s)`,
    ],
    ["Onboarded within the period", r.onboarded_within_period ? "Required" : "Not required"],
    ["First order", r.first_order_within_days === null ? "No rule" : `Within ${r.first_order_within_days} days of registration`],
    ["GMV", r.gmv ? `At least ${money(r.gmv.min_minor)} (${r.gmv.currency}) within ${r.gmv.within_days} days` : "No rule"],
    ["Target list", r.target_seller_ids ? `${r.target_seller_ids.length} seller(s)` : "Every seller"],
    ["Reward", `${money(r.reward.amount_minor)} per eligible seller`],
    ["Cap per partner", r.cap_per_partner_minor === null ? "No cap" : money(r.cap_per_partner_minor)],
    ["Risk reductions", `low ${r.risk_reductions.low}%, medium ${r.risk_reductions.medium}%, high ${r.risk_reductions.high}%`],
    [
      "Exclusions",
      [
        r.exclusions.wrong_link ? "wrong-link registrations" : null,
        r.exclusions.bot_click ? "bot clicks" : null,
        r.exclusions.duplicate_seller ? "the same seller twice" : null,
      ]
        .filter(Boolean)
        .join(", ") || "None",
    ],
  ];
  return (
    <Table size="small" aria-label="Rules">
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
  if (program.isPending) return <CircularProgress aria-label="Loading the program" sx={{ m: 3 }} />;
  if (program.error) return <Alert severity="error">{program.error.message}</Alert>;
  const p = program.data;
  const rules = rulesOf(p);
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={`Program: ${p.name}`} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h2">
            {p.name}
          </Typography>
          <Typography color="text.secondary" lang="zh-CN" gutterBottom>
            {p.name_zh}
          </Typography>
          <Typography variant="body2" gutterBottom>
            Version {p.version} · statements close {day(p.closes_at)} ·{" "}
            <Link to={`${createPath({ resource: "incentive-statements", type: "list" })}?program_id=${p.id}`}>
              Its statements
            </Link>
          </Typography>
          {rules ? <RulesInWords r={rules} /> : <Alert severity="warning">These rules could not be read.</Alert>}
          {permissions === "admin" && rules && !versioning ? (
            <Button variant="outlined" sx={{ mt: 2 }} onClick={() => setVersioning(true)}>
              New version
            </Button>
          ) : null}
        </CardContent>
      </Card>
      {versioning && rules ? <NewVersion program={p} rules={rules} onDone={() => setVersioning(false)} /> : null}
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            Versions
          </Typography>
          <Table size="small" aria-label="Versions">
            <TableHead>
              <TableRow>
                <TableCell>Version</TableCell>
                <TableCell>Note</TableCell>
                <TableCell>Created</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.versions.map((v) => (
                <TableRow key={v.version}>
                  <TableCell>v{v.version}</TableCell>
                  <TableCell>{v.note}</TableCell>
                  <TableCell>{new Date(v.created_at).toUTCString()}</TableCell>
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
      notify(`Version ${p.version} published; open statements were recomputed.`, { type: "success" });
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
        <Stack spacing={3} component="form" aria-label="New version" onSubmit={(e) => e.preventDefault()} noValidate>
          <Typography variant="h6" component="h2">
            New version (v{program.version + 1})
          </Typography>
          <TextField
            id="version-note"
            label="Why the rules change"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={Boolean(top.note)}
            helperText={top.note ?? "Kept with the version and in the audit log."}
            required
            fullWidth
          />
          <RulesForm draft={draft} onChange={setDraft} errors={ruleErrors} />
          <Divider />
          <PreviewPanel rules={() => toRules(draft)} onErrors={setRuleErrors} />
          {general ? <Alert severity="error">{general.message}</Alert> : null}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => setConfirming(true)}>
              Publish version {program.version + 1}
            </Button>
            <Button onClick={onDone}>Cancel</Button>
          </Stack>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="version-title">
        <DialogTitle id="version-title">Publish version {program.version + 1}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Open statements are recomputed under the new rules at once; closed statements keep the version they closed under.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="contained" onClick={() => save.mutate()} loading={save.isPending}>
            Publish
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
