import { Grid, MenuItem, Paper, TextField, Typography } from "@mui/material";
import type { Catalog, Partner } from "../lib/api.ts";
import { regionName, useI18n } from "../lib/i18n.tsx";
import { CategoryTree } from "./CategoryTree.tsx";

/** Step 1: the regions come from the profile (fixed); the market and category are chosen here. */
export function StartBusiness(props: {
  partner: Partner;
  catalog: Catalog;
  market: string;
  category: string;
  onMarket(code: string): void;
  onCategory(id: string): void;
  readOnly?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <Paper sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" sx={{ mb: 2 }}>
        {t("apply.categoryMarket")}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            id="start-registration-region"
            label={t("signup.registrationRegion")}
            value={regionName(props.partner.registration_region, lang)}
            helperText={t("apply.regionsReadOnly")}
            fullWidth
            slotProps={{ input: { readOnly: true } }}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            id="start-company-registration-region"
            label={t("signup.companyRegistrationRegion")}
            value={regionName(props.partner.company_registration_region, lang)}
            fullWidth
            slotProps={{ input: { readOnly: true } }}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            id="start-target-market"
            select
            label={t("apply.targetMarket")}
            value={props.market}
            onChange={(e) => props.onMarket(e.target.value)}
            fullWidth
            disabled={props.readOnly ?? false}
          >
            {props.catalog.markets.map((m) => (
              <MenuItem key={m.code} value={m.code} disabled={!m.open}>
                {lang === "zh" ? m.name_zh : m.name}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid size={12}>
          <Typography variant="body2" color="text.secondary" id="category-label">
            {t("apply.category")}
          </Typography>
          <CategoryTree
            categories={props.catalog.categories}
            value={props.category}
            onChange={props.onCategory}
            label={t("apply.category")}
          />
        </Grid>
      </Grid>
    </Paper>
  );
}
