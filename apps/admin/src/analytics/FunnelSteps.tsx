import ArrowIcon from "@mui/icons-material/ChevronRight";
import { Box, Stack, Typography } from "@mui/material";
import { Fragment } from "react";
import { formatCount, formatRate } from "./parts.tsx";
import type { Summary } from "./queries.ts";

const STEPS = [
  ["clicks", "Clicks"],
  ["unique_clicks", "Unique clicks"],
  ["registrations", "Registrations"],
  ["approved_shops", "Approved shops"],
] as const;

/** Clicks → unique clicks → registrations → approved shops, each with its share of the step before. */
export function FunnelSteps({ summary }: { summary: Summary }) {
  return (
    <Stack
      component="ol"
      aria-label="Funnel steps"
      direction={{ xs: "column", md: "row" }}
      spacing={1}
      sx={{ listStyle: "none", p: 0, m: 0, mb: 2 }}
      data-testid="funnel-steps"
    >
      {STEPS.map(([key, label], i) => {
        const prev = i > 0 ? STEPS[i - 1] : undefined;
        return (
          <Fragment key={key}>
            {i > 0 ? (
              <Box aria-hidden sx={{ display: { xs: "none", md: "flex" }, alignItems: "center", color: "text.secondary" }}>
                <ArrowIcon />
              </Box>
            ) : null}
            <Box component="li" sx={{ flex: 1, p: 1.5, bgcolor: "grey.100", borderRadius: 1 }}>
              <Typography variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
                {label}
              </Typography>
              <Typography sx={{ fontSize: "1.4rem", fontWeight: 700 }}>{formatCount(summary[key])}</Typography>
              {prev ? (
                <Typography variant="caption" color="text.secondary">
                  {formatRate(summary[key], summary[prev[0]])} of {prev[1].toLowerCase()}
                </Typography>
              ) : null}
            </Box>
          </Fragment>
        );
      })}
    </Stack>
  );
}
