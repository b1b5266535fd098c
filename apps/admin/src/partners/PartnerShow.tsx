import InsightsIcon from "@mui/icons-material/Insights";
import {
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import type { ReactNode } from "react";
import { Link, ListButton, Show, TopToolbar, useCreatePath, useRecordContext } from "react-admin";
import { ANALYTICS_PATH } from "../analytics/links.tsx";
import { toSearch } from "../analytics/range.ts";
import type { PartnerOverview } from "../api-types.ts";
import { categoryName, entityLabel, formatDateTime, StatusChip } from "../format.tsx";
import { useT } from "../i18n/index.tsx";
import { PartnerMembers } from "./PartnerMembers.tsx";
import { QUALITY_DAYS, ReferralQualityPanel } from "./ReferralQuality.tsx";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Grid<T extends { id: string }>({
  label,
  rows,
  columns,
  empty,
}: {
  label: string;
  rows: T[];
  columns: [string, (r: T) => ReactNode][];
  empty: string;
}) {
  if (rows.length === 0) return <Typography color="text.secondary">{empty}</Typography>;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {columns.map(([h]) => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            {columns.map(([h, cell]) => (
              <TableCell key={h}>{cell(r)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function PartnerContent() {
  const p = useRecordContext<PartnerOverview>();
  const createPath = useCreatePath();
  const t = useT();
  if (!p) return null;
  // A record from the list (placed in the cache by react-admin) has no overview yet: wait for it.
  if (!p.applications || !p.services || !p.api_keys) return <LinearProgress sx={{ m: 2 }} aria-label={t("loading_partner")} />;
  const link = (resource: string, id: string, text: ReactNode) => (
    <MuiLink component={Link} to={createPath({ resource, type: "show", id })}>
      {text}
    </MuiLink>
  );
  return (
    <Box sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">
          {p.company_name}
        </Typography>
        <Typography color="text.secondary">
          {t("partner_summary", {
            entity: entityLabel(p.entity_type),
            region: p.company_registration_region,
            account_region: p.registration_region,
            contact: `${p.contact_name} <${p.contact_email}>${p.contact_phone ? ` · ${p.contact_phone}` : ""}`,
            signed_up: formatDateTime(p.created_at),
          })}
        </Typography>
        <Section title={t("referral_quality_days", { days: QUALITY_DAYS })}>
          <ReferralQualityPanel partnerId={p.id} />
        </Section>
        <PartnerMembers />
        <Section title={t("applications")}>
          <Grid
            label={t("applications")}
            rows={p.applications}
            empty={t("no_applications_yet")}
            columns={[
              [
                t("category"),
                (a) => (a.submitted_at ? link("applications", a.id, categoryName(a.category_id)) : categoryName(a.category_id)),
              ],
              [t("market"), (a) => a.target_market],
              [t("status"), (a) => <StatusChip status={a.status} />],
              [t("revision"), (a) => a.revision],
              [t("submitted"), (a) => formatDateTime(a.submitted_at)],
            ]}
          />
        </Section>
        <Section title={t("services")}>
          <Grid
            label={t("services")}
            rows={p.services}
            empty={t("no_services_yet")}
            columns={[
              [t("name"), (s) => link("services", s.id, s.name)],
              [t("market"), (s) => s.target_market],
              [t("status"), (s) => <StatusChip status={s.status} kind="service" />],
              [t("first_published"), (s) => formatDateTime(s.first_published_at)],
            ]}
          />
        </Section>
        <Section title={t("api_keys_title")}>
          <Grid
            label={t("api_keys")}
            rows={p.api_keys}
            empty={t("no_api_keys")}
            columns={[
              [t("name"), (k) => k.name],
              [t("prefix"), (k) => <code>{k.prefix}</code>],
              [t("scopes"), (k) => k.scopes.join(", ")],
              [t("created"), (k) => formatDateTime(k.created_at)],
              [t("last_used"), (k) => formatDateTime(k.last_used_at)],
              [t("revoked"), (k) => formatDateTime(k.revoked_at)],
            ]}
          />
        </Section>
      </Stack>
    </Box>
  );
}

/** The analytics dashboard narrowed to this partner. */
function PartnerAnalyticsButton() {
  const p = useRecordContext<PartnerOverview>();
  const t = useT();
  if (!p) return null;
  return (
    <Button
      component={Link}
      to={{ pathname: ANALYTICS_PATH, search: toSearch({ partner_id: p.id }) }}
      size="small"
      startIcon={<InsightsIcon />}
    >
      {t("analytics")}
    </Button>
  );
}

export function PartnerShow() {
  const t = useT();
  return (
    <Show
      title={t("partner")}
      actions={
        <TopToolbar sx={{ justifyContent: "flex-start" }}>
          <ListButton label={t("all_partners")} />
          <PartnerAnalyticsButton />
        </TopToolbar>
      }
    >
      <PartnerContent />
    </Show>
  );
}
