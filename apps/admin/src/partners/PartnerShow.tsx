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
import { ENTITY_LABELS, formatDateTime, StatusChip } from "../format.tsx";
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
  if (!p) return null;
  // A record from the list (placed in the cache by react-admin) has no overview yet: wait for it.
  if (!p.applications || !p.services || !p.api_keys) return <LinearProgress sx={{ m: 2 }} aria-label="Loading the partner" />;
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
          {ENTITY_LABELS[p.entity_type] ?? p.entity_type} · registered in {p.company_registration_region} · account region{" "}
          {p.registration_region} · {p.contact_name} &lt;{p.contact_email}&gt;{p.contact_phone ? ` · ${p.contact_phone}` : ""} ·
          signed up {formatDateTime(p.created_at)}
        </Typography>
        <Section title={`Referral quality, last ${QUALITY_DAYS} days`}>
          <ReferralQualityPanel partnerId={p.id} />
        </Section>
        <PartnerMembers />
        <Section title="Applications">
          <Grid
            label="Applications"
            rows={p.applications}
            empty="No applications yet."
            columns={[
              ["Category", (a) => (a.submitted_at ? link("applications", a.id, a.category_path.at(-1)) : a.category_path.at(-1))],
              ["Market", (a) => a.target_market],
              ["Status", (a) => <StatusChip status={a.status} />],
              ["Revision", (a) => a.revision],
              ["Submitted", (a) => formatDateTime(a.submitted_at)],
            ]}
          />
        </Section>
        <Section title="Services">
          <Grid
            label="Services"
            rows={p.services}
            empty="No services yet."
            columns={[
              ["Name", (s) => link("services", s.id, s.name)],
              ["Market", (s) => s.target_market],
              ["Status", (s) => <StatusChip status={s.status} kind="service" />],
              ["First published", (s) => formatDateTime(s.first_published_at)],
            ]}
          />
        </Section>
        <Section title="API keys (metadata only; secrets are never shown)">
          <Grid
            label="API keys"
            rows={p.api_keys}
            empty="No API keys."
            columns={[
              ["Name", (k) => k.name],
              ["Prefix", (k) => <code>{k.prefix}</code>],
              ["Scopes", (k) => k.scopes.join(", ")],
              ["Created", (k) => formatDateTime(k.created_at)],
              ["Last used", (k) => formatDateTime(k.last_used_at)],
              ["Revoked", (k) => formatDateTime(k.revoked_at)],
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
  if (!p) return null;
  return (
    <Button
      component={Link}
      to={{ pathname: ANALYTICS_PATH, search: toSearch({ partner_id: p.id }) }}
      size="small"
      startIcon={<InsightsIcon />}
    >
      Analytics
    </Button>
  );
}

export function PartnerShow() {
  return (
    <Show
      title="Partner"
      actions={
        <TopToolbar sx={{ justifyContent: "flex-start" }}>
          <ListButton label="All partners" />
          <PartnerAnalyticsButton />
        </TopToolbar>
      }
    >
      <PartnerContent />
    </Show>
  );
}
