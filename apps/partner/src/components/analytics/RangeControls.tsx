import { Box, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { type AnalyticsSearch, PRESETS, type Preset, type ResolvedRange } from "../../lib/analytics.ts";
import type { Service } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";

type Props = {
  range: ResolvedRange;
  services: Service[];
  onChange(patch: Partial<AnalyticsSearch>): void;
};

/** Date range (presets or custom dates) and the service filter; both live in the URL. */
export function RangeControls({ range, services, onChange }: Props) {
  const { t } = useI18n();
  const pick = (v: Preset | "custom" | null) => {
    if (v === null || v === range.preset) return;
    if (v === "custom") onChange({ days: undefined, from: range.fromDay, to: range.toDay });
    else onChange({ days: v === 30 ? undefined : v, from: undefined, to: undefined });
  };
  return (
    <Stack spacing={1}>
      <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap", alignItems: "center" }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={range.preset}
          onChange={(_, v: Preset | "custom" | null) => pick(v)}
          aria-label={t("analytics.range")}
        >
          {PRESETS.map((n) => (
            <ToggleButton key={n} value={n}>
              {t("analytics.lastDays", { n: String(n) })}
            </ToggleButton>
          ))}
          <ToggleButton value="custom">{t("analytics.custom")}</ToggleButton>
        </ToggleButtonGroup>
        {range.preset === "custom" ? (
          <Box sx={{ display: "flex", gap: 1 }}>
            <TextField
              id="analytics-from"
              type="date"
              size="small"
              label={t("analytics.fromDate")}
              value={range.fromDay}
              onChange={(e) => e.target.value && onChange({ from: e.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              id="analytics-to"
              type="date"
              size="small"
              label={t("analytics.toDate")}
              value={range.toDay}
              onChange={(e) => e.target.value && onChange({ to: e.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Box>
        ) : null}
        <Box sx={{ flexGrow: 1 }} />
        <TextField
          id="analytics-service"
          select
          size="small"
          label={t("analytics.service")}
          value={range.serviceId ?? ""}
          onChange={(e) => onChange({ service_id: e.target.value || undefined })}
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">{t("analytics.allServices")}</MenuItem>
          {services.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t("analytics.timeZone", { tz: range.tz })}
      </Typography>
    </Stack>
  );
}
