import { Grid, MenuItem, Paper, TextField, Typography } from "@mui/material";
import type { Catalog, Partner } from "../lib/api.ts";
import { regionName, useI18n } from "../lib/i18n.tsx";
import { CategoryTree } from "./CategoryTree.tsx";

/** What the non-U.S. "Start business" step asks besides the category (the seed's guide): details fields. */
export const COMPANY_INFO_FIELDS = ["company_registration_number", "registered_address", "legal_representative"] as const;
export type CompanyInfo = Record<(typeof COMPANY_INFO_FIELDS)[number], string>;
const COMPANY_INFO_LABELS = {
  company_registration_number: "apply.companyRegistrationNumber",
  registered_address: "apply.registeredAddress",
  legal_representative: "apply.legalRepresentative",
} as const;

/**
 * Step 1: the regions come from the profile (fixed); the market (from the catalog) and category are
 * chosen here. A cross-border (non-U.S.) partner also gives its company information here.
 */
export function StartBusiness(props: {
  partner: Partner;
  catalog: Catalog;
  market: string;
  category: string;
  onMarket(code: string): void;
  onCategory(id: string): void;
  readOnly?: boolean;
  /** Shown for a NON_US partner: the values and their field errors by field name. */
  companyInfo?: { value: CompanyInfo; onChange(v: CompanyInfo): void; errors?: Record<string, string> } | undefined;
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
        {props.partner.entity_type === "NON_US" && props.companyInfo ? (
          <>
            <Grid size={12}>
              <Typography variant="h3">{t("apply.companyInfo")}</Typography>
            </Grid>
            {COMPANY_INFO_FIELDS.map((name) => {
              const info = props.companyInfo as NonNullable<typeof props.companyInfo>;
              const error = info.errors?.[name];
              return (
                <Grid key={name} size={{ xs: 12, sm: name === "registered_address" ? 12 : 6 }}>
                  <TextField
                    id={`start-${name}`}
                    label={t(COMPANY_INFO_LABELS[name])}
                    value={info.value[name]}
                    onChange={(e) => info.onChange({ ...info.value, [name]: e.target.value })}
                    error={Boolean(error)}
                    helperText={error}
                    multiline={name === "registered_address"}
                    required
                    fullWidth
                    disabled={props.readOnly ?? false}
                  />
                </Grid>
              );
            })}
          </>
        ) : null}
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
