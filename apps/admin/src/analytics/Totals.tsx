import { Box, Typography } from "@mui/material";
import { formatCount, formatRate } from "./parts.tsx";
import type { Summary } from "./queries.ts";

const CARDS: { key: keyof Summary & string; label: string; note?: (s: Summary) => string }[] = [
  { key: "clicks", label: "Clicks", note: () => "Human clicks on active links" },
  { key: "unique_clicks", label: "Unique clicks", note: (s) => `${formatRate(s.unique_clicks, s.clicks)} of clicks` },
  {
    key: "registrations",
    label: "Registrations",
    note: (s) => `${formatRate(s.registrations, s.unique_clicks)} of unique clicks`,
  },
  {
    key: "approved_shops",
    label: "Approved shops",
    note: (s) => `${formatRate(s.approved_shops, s.registrations)} of registrations`,
  },
  { key: "bot_clicks", label: "Bot clicks", note: () => "Not counted as clicks" },
  { key: "inactive_clicks", label: "Clicks while Off", note: () => "On links of services turned Off" },
];

/** The range's totals, one card each; a definition list so each number is read with its name. */
export function Totals({ summary }: { summary: Summary }) {
  return (
    <Box component="dl" sx={{ m: 0, display: "grid", gap: 2, gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))" }}>
      {CARDS.map(({ key, label, note }) => (
        // dl > div > dt/dd: each card is one name-value group.
        <Box key={key} sx={{ p: 2, border: 1, borderColor: "divider", borderRadius: 1, bgcolor: "background.paper" }}>
          <Typography component="dt" variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
            {label}
          </Typography>
          <Typography component="dd" sx={{ m: 0, fontSize: "1.75rem", fontWeight: 700 }} data-testid={`total-${key}`}>
            {formatCount(summary[key] as number)}
          </Typography>
          {note ? (
            <Typography component="dd" variant="caption" color="text.secondary" sx={{ m: 0 }}>
              {note(summary)}
            </Typography>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}
