import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import type { ProgramRules } from "@shopreg/domain";
import { type UiWord, useT } from "../i18n/index.tsx";
import { fromMinor, type RulesInput, toMinor } from "./api.ts";

/** The rules as typed: strings for numbers and amounts (in major units), turned into the API's body by toRules. */
export type RulesDraft = {
  period_start: string;
  period_end: string;
  grace_days: string;
  markets: string;
  local: boolean;
  cross_border: boolean;
  all_approved: boolean;
  partner_ids: string;
  onboarded_within_period: boolean;
  first_order_within_days: string;
  gmv_min: string;
  gmv_currency: string;
  gmv_days: string;
  target_seller_ids: string;
  reward: string;
  currency: string;
  cap: string;
  risk_low: string;
  risk_medium: string;
  risk_high: string;
  wrong_link: boolean;
  bot_click: boolean;
  duplicate_seller: boolean;
};

const dateOf = (iso: string) => iso.slice(0, 10);

export function emptyDraft(): RulesDraft {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));
  return {
    period_start: dateOf(start.toISOString()),
    period_end: dateOf(end.toISOString()),
    grace_days: "30",
    markets: "US",
    local: true,
    cross_border: true,
    all_approved: true,
    partner_ids: "",
    onboarded_within_period: true,
    first_order_within_days: "30",
    gmv_min: "",
    gmv_currency: "CNY",
    gmv_days: "30",
    target_seller_ids: "",
    reward: "",
    currency: "CNY",
    cap: "",
    risk_low: "0",
    risk_medium: "50",
    risk_high: "100",
    wrong_link: true,
    bot_click: true,
    duplicate_seller: true,
  };
}

/** A running program's rules, as the form shows them (for its next version). */
export function draftOf(r: ProgramRules): RulesDraft {
  return {
    period_start: dateOf(r.period_start),
    period_end: dateOf(r.period_end),
    grace_days: String(r.grace_days),
    markets: r.markets.join(", "),
    local: r.seller_types.includes("LOCAL_SELLER"),
    cross_border: r.seller_types.includes("CROSS_BORDER_SELLER"),
    all_approved: r.participation.kind === "all_approved",
    partner_ids: r.participation.kind === "partners" ? r.participation.partner_ids.join("\n") : "",
    onboarded_within_period: r.onboarded_within_period,
    first_order_within_days: r.first_order_within_days === null ? "" : String(r.first_order_within_days),
    gmv_min: r.gmv ? fromMinor(r.gmv.min_minor, r.gmv.currency) : "",
    gmv_currency: r.gmv?.currency ?? r.reward.currency,
    gmv_days: r.gmv ? String(r.gmv.within_days) : "30",
    target_seller_ids: r.target_seller_ids?.join("\n") ?? "",
    reward: fromMinor(r.reward.amount_minor, r.reward.currency),
    currency: r.reward.currency,
    cap: r.cap_per_partner_minor === null ? "" : fromMinor(r.cap_per_partner_minor, r.reward.currency),
    risk_low: String(r.risk_reductions.low),
    risk_medium: String(r.risk_reductions.medium),
    risk_high: String(r.risk_reductions.high),
    wrong_link: r.exclusions.wrong_link,
    bot_click: r.exclusions.bot_click,
    duplicate_seller: r.exclusions.duplicate_seller,
  };
}

const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);
// A number the API will judge (a blank or a word becomes NaN and gets the API's own message).
const int = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const dayStart = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d);

/** The API's rules body; what is wrong is left for the API to say field by field. */
export function toRules(d: RulesDraft): RulesInput {
  const currency = d.currency.trim().toUpperCase();
  const gmvCurrency = d.gmv_currency.trim().toUpperCase();
  return {
    period_start: dayStart(d.period_start),
    period_end: dayStart(d.period_end),
    grace_days: int(d.grace_days),
    markets: lines(d.markets.toUpperCase()),
    seller_types: [...(d.local ? ["LOCAL_SELLER" as const] : []), ...(d.cross_border ? ["CROSS_BORDER_SELLER" as const] : [])],
    participation: d.all_approved ? { kind: "all_approved" } : { kind: "partners", partner_ids: lines(d.partner_ids) },
    onboarded_within_period: d.onboarded_within_period,
    first_order_within_days: d.first_order_within_days.trim() === "" ? null : int(d.first_order_within_days),
    gmv:
      d.gmv_min.trim() === ""
        ? null
        : { min_minor: toMinor(d.gmv_min, gmvCurrency) ?? Number.NaN, currency: gmvCurrency, within_days: int(d.gmv_days) },
    target_seller_ids: d.target_seller_ids.trim() === "" ? null : lines(d.target_seller_ids),
    reward: { amount_minor: toMinor(d.reward, currency) ?? Number.NaN, currency },
    cap_per_partner_minor: d.cap.trim() === "" ? null : (toMinor(d.cap, currency) ?? Number.NaN),
    risk_reductions: { low: int(d.risk_low), medium: int(d.risk_medium), high: int(d.risk_high) },
    exclusions: { wrong_link: d.wrong_link, bot_click: d.bot_click, duplicate_seller: d.duplicate_seller },
  };
}

/** The rules' fields; `errors` are the API's, keyed by the path under `rules` ("gmv.min_minor"). */
export function RulesForm({
  draft,
  onChange,
  errors,
  disabled,
}: {
  draft: RulesDraft;
  onChange(d: RulesDraft): void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const set = <K extends keyof RulesDraft>(k: K, v: RulesDraft[K]) => onChange({ ...draft, [k]: v });
  const t = useT();
  const text = (
    k: keyof RulesDraft,
    label: UiWord,
    errorKey: string,
    opts: { help?: UiWord; type?: string; multiline?: boolean } = {},
  ) => (
    <TextField
      id={`rules-${k}`}
      label={t(label)}
      value={draft[k]}
      type={opts.type ?? "text"}
      multiline={opts.multiline}
      minRows={opts.multiline ? 2 : undefined}
      onChange={(e) => set(k, e.target.value)}
      error={Boolean(errors[errorKey])}
      helperText={errors[errorKey] ?? (opts.help ? t(opts.help) : undefined)}
      disabled={disabled}
      fullWidth
      slotProps={opts.type === "date" ? { inputLabel: { shrink: true } } : undefined}
    />
  );
  const check = (k: keyof RulesDraft, label: UiWord) => (
    <FormControlLabel
      control={<Checkbox checked={Boolean(draft[k])} onChange={(e) => set(k, e.target.checked)} disabled={disabled} />}
      label={t(label)}
    />
  );
  const row = { direction: { xs: "column", md: "row" }, spacing: 2 } as const;
  return (
    <Stack spacing={2}>
      <Typography variant="h6" component="h3">
        {t("period_and_scope")}
      </Typography>
      <Stack {...row}>
        {text("period_start", "period_starts", "period_start", { type: "date" })}
        {text("period_end", "period_ends", "period_end", { type: "date" })}
        {text("grace_days", "grace_days", "grace_days", { type: "number" })}
      </Stack>
      <Stack {...row}>
        {text("markets", "markets", "markets", { help: "markets_help" })}
        <FormControl error={Boolean(errors.seller_types)} component="fieldset" sx={{ minWidth: 260 }}>
          <FormLabel component="legend">{t("seller_types")}</FormLabel>
          <FormGroup row>
            {check("local", "local")}
            {check("cross_border", "cross_border")}
          </FormGroup>
          {errors.seller_types ? <FormHelperText>{errors.seller_types}</FormHelperText> : null}
        </FormControl>
      </Stack>
      <FormControl component="fieldset" error={Boolean(errors.participation)}>
        <FormLabel component="legend">{t("partners_taking_part")}</FormLabel>
        <RadioGroup
          row
          value={draft.all_approved ? "all" : "list"}
          onChange={(e) => set("all_approved", e.target.value === "all")}
        >
          <FormControlLabel value="all" control={<Radio disabled={disabled} />} label={t("every_approved_partner")} />
          <FormControlLabel value="list" control={<Radio disabled={disabled} />} label={t("only_these_partners")} />
        </RadioGroup>
        {errors.participation ? <FormHelperText>{errors.participation}</FormHelperText> : null}
      </FormControl>
      {draft.all_approved ? null : text("partner_ids", "partner_ids", "participation", { multiline: true, help: "one_per_line" })}
      <Typography variant="h6" component="h3">
        {t("eligibility")}
      </Typography>
      {check("onboarded_within_period", "onboarded_within_period")}
      <Stack {...row}>
        {text("first_order_within_days", "first_order_days", "first_order_within_days", {
          type: "number",
          help: "no_first_order_rule",
        })}
        {text("gmv_min", "gmv_min", "gmv", { help: "no_gmv_rule" })}
        {text("gmv_currency", "gmv_currency", "gmv")}
        {text("gmv_days", "gmv_days", "gmv")}
      </Stack>
      {text("target_seller_ids", "target_list", "target_seller_ids", {
        multiline: true,
        help: "target_sellers_help",
      })}
      <Typography variant="h6" component="h3">
        {t("reward")}
      </Typography>
      <Stack {...row}>
        {text("reward", "reward_amount", "reward")}
        {text("currency", "currency", "reward", { help: "currency_help" })}
        {text("cap", "cap_amount", "cap_per_partner_minor", { help: "no_cap_help" })}
      </Stack>
      <Stack {...row}>
        {text("risk_low", "risk_low", "risk_reductions", { type: "number" })}
        {text("risk_medium", "risk_medium", "risk_reductions", { type: "number" })}
        {text("risk_high", "risk_high", "risk_reductions", { type: "number" })}
      </Stack>
      <FormControl component="fieldset">
        <FormLabel component="legend">{t("exclusions")}</FormLabel>
        <FormGroup row>
          {check("wrong_link", "excl_wrong_link_label")}
          {check("bot_click", "excl_bot_label")}
          {check("duplicate_seller", "excl_duplicate_label")}
        </FormGroup>
      </FormControl>
    </Stack>
  );
}
