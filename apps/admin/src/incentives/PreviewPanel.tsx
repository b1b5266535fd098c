import {
  Alert,
  Button,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { EXCLUSION_REASON_WORDS, EXCLUSION_REASONS } from "@shopreg/domain";
import { fieldErrors } from "@shopreg/web-api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useCreatePath } from "react-admin";
import { formatDateTime } from "../format.tsx";
import { errorWords } from "../i18n/errors.ts";
import { useLang, useT } from "../i18n/index.tsx";
import { api, data, formatMoney, type RulesInput } from "./api.ts";

const DAY = 86_400_000;
const reasonWords = (code: string) => EXCLUSION_REASONS.find((r) => r === code) ?? null;

/**
 * The same rules moved back by their own length: what they would have paid over the last period's
 * recorded sellers and events, evaluated at that period's close (or now, if it has not come yet).
 */
export function lastPeriod(rules: RulesInput): { rules: RulesInput; evaluated_at: string } {
  const start = Date.parse(rules.period_start);
  const end = Date.parse(rules.period_end);
  const length = end - start;
  const closes = start + (rules.grace_days ?? 30) * DAY;
  return {
    rules: { ...rules, period_start: new Date(start - length).toISOString(), period_end: new Date(start).toISOString() },
    evaluated_at: new Date(Math.min(closes, Date.now())).toISOString(),
  };
}

/** Runs the rules against the data already recorded (the API writes nothing) and shows each partner's totals. */
export function PreviewPanel({ rules, onErrors }: { rules: () => RulesInput; onErrors(e: Record<string, string>): void }) {
  const createPath = useCreatePath();
  const [when, setWhen] = useState<"last" | "current">("last");
  const t = useT();
  const lang = useLang();
  const preview = useMutation({
    mutationFn: () => {
      const r = rules();
      const body = when === "last" && Number.isFinite(Date.parse(r.period_start)) ? lastPeriod(r) : { rules: r };
      return data(api.POST("/v1/staff/incentive-programs/preview", { body }));
    },
    onMutate: () => onErrors({}),
    onError: (e) => onErrors(fieldErrors(e, "rules")),
  });
  const currency = (() => {
    try {
      return rules().reward.currency || "CNY";
    } catch {
      return "CNY";
    }
  })();
  const result = preview.data;
  return (
    <Stack spacing={1} component="section" aria-labelledby="preview-title">
      <Typography variant="h6" component="h3" id="preview-title">
        {t("preview_title")}
      </Typography>
      <RadioGroup
        row
        aria-label={t("preview_against")}
        value={when}
        onChange={(e) => setWhen(e.target.value === "current" ? "current" : "last")}
      >
        <FormControlLabel value="last" control={<Radio />} label={t("preview_last")} />
        <FormControlLabel value="current" control={<Radio />} label={t("preview_current")} />
      </RadioGroup>
      <div>
        <Button variant="outlined" onClick={() => preview.mutate()} loading={preview.isPending}>
          {t("preview")}
        </Button>
      </div>
      {preview.error && Object.keys(fieldErrors(preview.error, "rules")).length === 0 ? (
        <Alert severity="error">{errorWords(preview.error)}</Alert>
      ) : null}
      {preview.error && Object.keys(fieldErrors(preview.error, "rules")).length > 0 ? (
        <Alert severity="warning">{t("rules_need_attention")}</Alert>
      ) : null}
      {result ? (
        result.partners.length === 0 ? (
          <Alert severity="info">{t("preview_none", { when: formatDateTime(result.evaluated_at) })}</Alert>
        ) : (
          <TableContainer>
            <Typography variant="body2" color="text.secondary" role="status">
              {t("preview_count", { when: formatDateTime(result.evaluated_at), n: result.partners.length })}
            </Typography>
            <Table size="small" aria-label={t("preview_by_partner")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("partner")}</TableCell>
                  <TableCell align="right">{t("eligible")}</TableCell>
                  <TableCell align="right">{t("pending")}</TableCell>
                  <TableCell align="right">{t("excluded")}</TableCell>
                  <TableCell align="right">{t("earned")}</TableCell>
                  <TableCell align="right">{t("payable")}</TableCell>
                  <TableCell>{t("excluded_by")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.partners.map((p) => (
                  <TableRow key={p.partner_id}>
                    <TableCell>
                      <Link to={createPath({ resource: "partners", id: p.partner_id, type: "show" })}>
                        {p.partner_id.slice(0, 8)}
                      </Link>
                    </TableCell>
                    <TableCell align="right">{p.totals.eligible}</TableCell>
                    <TableCell align="right">{p.totals.pending}</TableCell>
                    <TableCell align="right">{p.totals.excluded}</TableCell>
                    <TableCell align="right">{formatMoney(p.totals.gross_minor, p.totals.currency || currency)}</TableCell>
                    <TableCell align="right">
                      {formatMoney(p.totals.payable_minor, p.totals.currency || currency)}
                      {p.totals.cap_applied ? t("cap_applied") : ""}
                    </TableCell>
                    <TableCell>
                      {Object.entries(p.excluded_by_reason)
                        .map(([code, n]) => {
                          const r = reasonWords(code);
                          return `${r ? EXCLUSION_REASON_WORDS[lang][r] : code}: ${n}`;
                        })
                        .join("; ") || "—"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )
      ) : null}
    </Stack>
  );
}
