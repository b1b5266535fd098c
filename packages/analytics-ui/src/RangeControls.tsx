import { Box, TextField, ToggleButton, ToggleButtonGroup } from "@mui/material";
import { type AnalyticsInterval, RANGE_PRESETS, type RangePreset, type ResolvedRange } from "@shopreg/domain";
import type { ReactNode } from "react";
import { useAnalyticsText } from "./i18n.tsx";

/** What the range controls change; each app keeps it in its URL. */
export type RangePatch = { days?: RangePreset; from?: string; to?: string; interval?: AnalyticsInterval };

/** Date range (a preset or custom dates), then the app's own filters (service, partner, time zone). */
export function RangeControls({
  range,
  onChange,
  children,
}: {
  range: ResolvedRange;
  onChange(patch: RangePatch): void;
  children?: ReactNode;
}) {
  const { t } = useAnalyticsText();
  const pick = (v: RangePreset | "custom" | null) => {
    if (v === null || v === range.preset) return;
    if (v === "custom") onChange({ days: undefined, from: range.fromDay, to: range.toDay });
    else onChange({ days: v === 30 ? undefined : v, from: undefined, to: undefined });
  };
  return (
    <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap", alignItems: "center" }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={range.preset}
        onChange={(_, v: RangePreset | "custom" | null) => pick(v)}
        aria-label={t("range")}
      >
        {RANGE_PRESETS.map((n) => (
          <ToggleButton key={n} value={n}>
            {t("lastDays", { n })}
          </ToggleButton>
        ))}
        <ToggleButton value="custom">{t("custom")}</ToggleButton>
      </ToggleButtonGroup>
      {range.preset === "custom" ? (
        <Box sx={{ display: "flex", gap: 1 }}>
          <TextField
            id="analytics-from"
            type="date"
            size="small"
            label={t("fromDate")}
            value={range.fromDay}
            onChange={(e) => e.target.value && onChange({ from: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            id="analytics-to"
            type="date"
            size="small"
            label={t("toDate")}
            value={range.toDay}
            onChange={(e) => e.target.value && onChange({ to: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Box>
      ) : null}
      <Box sx={{ flexGrow: 1 }} />
      {children}
    </Box>
  );
}
