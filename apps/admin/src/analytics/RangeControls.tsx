import { Box, MenuItem, TextField, ToggleButton, ToggleButtonGroup } from "@mui/material";
import { type AnalyticsSearch, browserTimeZone, PRESETS, type Preset, type ResolvedRange } from "./range.ts";

/** Date range (a preset or custom dates) and time zone; both live in the URL. */
export function RangeControls({ range, onChange }: { range: ResolvedRange; onChange(patch: Partial<AnalyticsSearch>): void }) {
  const pick = (v: Preset | "custom" | null) => {
    if (v === null || v === range.preset) return;
    if (v === "custom") onChange({ days: undefined, from: range.fromDay, to: range.toDay });
    else onChange({ days: v === 30 ? undefined : v, from: undefined, to: undefined });
  };
  const zones = [...new Set(["UTC", browserTimeZone(), range.tz])];
  return (
    <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap", alignItems: "center" }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={range.preset}
        onChange={(_, v: Preset | "custom" | null) => pick(v)}
        aria-label="Date range"
      >
        {PRESETS.map((n) => (
          <ToggleButton key={n} value={n}>
            Last {n} days
          </ToggleButton>
        ))}
        <ToggleButton value="custom">Custom</ToggleButton>
      </ToggleButtonGroup>
      {range.preset === "custom" ? (
        <Box sx={{ display: "flex", gap: 1 }}>
          <TextField
            id="analytics-from"
            type="date"
            size="small"
            label="From"
            fullWidth={false}
            sx={{ m: 0 }}
            value={range.fromDay}
            onChange={(e) => e.target.value && onChange({ from: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            id="analytics-to"
            type="date"
            size="small"
            label="To (inclusive)"
            fullWidth={false}
            sx={{ m: 0 }}
            value={range.toDay}
            onChange={(e) => e.target.value && onChange({ to: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Box>
      ) : null}
      <TextField
        id="analytics-tz"
        select
        size="small"
        label="Time zone"
        value={range.tz}
        onChange={(e) => onChange({ tz: e.target.value === "UTC" ? undefined : e.target.value })}
        fullWidth={false}
        sx={{ width: 240, m: 0 }}
      >
        {zones.map((z) => (
          <MenuItem key={z} value={z}>
            {z}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
