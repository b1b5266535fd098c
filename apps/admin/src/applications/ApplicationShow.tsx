import {
  Box,
  Card,
  CardContent,
  Divider,
  Grid,
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
import { APPLICATION_FORM_FIELDS, type EntityType, type FormField } from "@shopreg/domain";
import type { ReactNode } from "react";
import { Link, ListButton, Show, TopToolbar, useCreatePath, useGetList, useRecordContext } from "react-admin";
import type { ApplicationReview, AuditEvent, Partner, Service } from "../api-types.ts";
import { actionLabel, categoryPath, entityLabel, formatDateTime, StatusChip, transitionLabel } from "../format.tsx";
import { activeLang, useT } from "../i18n/index.tsx";
import { QUALITY_DAYS, ReferralQualityPanel } from "../partners/ReferralQuality.tsx";
import { DecisionButtons } from "./DecisionButtons.tsx";
import { NextInQueueButton } from "./NextInQueueButton.tsx";

type Details = Record<string, unknown>;

export type { ApplicationReview };

/** A form value as a person reads it: option labels for choices, "—" for what was left empty. */
export function formatValue(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value)) {
    return value.map((v) => field.options?.find((o) => o.value === v)?.label[activeLang()] ?? String(v)).join(", ") || "—";
  }
  return String(value);
}

/** The fields whose values differ between two revisions of the details. */
export function changedFields(before: Details, after: Details, fields: readonly FormField[] = APPLICATION_FORM_FIELDS) {
  return fields.filter((f) => JSON.stringify(before[f.name] ?? null) !== JSON.stringify(after[f.name] ?? null));
}

const fieldsFor = (entity: EntityType | undefined) =>
  APPLICATION_FORM_FIELDS.filter((f) => !entity || f.entities.includes(entity));

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

/** A row of a card; the value is the partner's or the record's own words (translate="no": data, as written). */
function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ width: "38%", color: "text.secondary", verticalAlign: "top" }}>
        {label}
      </TableCell>
      <TableCell sx={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} translate="no">
        {children}
      </TableCell>
    </TableRow>
  );
}

function Summary({ record }: { record: ApplicationReview }) {
  const t = useT();
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center", flexWrap: "wrap" }}>
        <Typography variant="h5" component="h1">
          {record.partner?.company_name ?? t("application")}
        </Typography>
        <StatusChip status={record.status} />
      </Stack>
      <Typography color="text.secondary">
        {t("application_summary", {
          path: categoryPath(record.category_id),
          market: record.target_market,
          revision: record.revision,
          submitted: formatDateTime(record.submitted_at),
        })}
      </Typography>
      {record.decision_reason && (
        <Typography>
          <strong>
            {t("last_reason")}
            {record.decided_at ? ` (${formatDateTime(record.decided_at)})` : ""}:
          </strong>{" "}
          <span translate="no">{record.decision_reason}</span>
        </Typography>
      )}
    </Stack>
  );
}

function FormDetails({ record }: { record: ApplicationReview }) {
  const t = useT();
  return (
    <Section title={t("application_form")}>
      <Table size="small" aria-label={t("application_form")}>
        <TableBody>
          {fieldsFor(record.partner?.entity_type).map((f) => (
            <Row key={f.name} label={f.label[activeLang()] + (f.required ? "" : ` ${t("optional")}`)}>
              {formatValue(f, record.details[f.name])}
            </Row>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

function PartnerCard({ partner }: { partner: Partner }) {
  const createPath = useCreatePath();
  const t = useT();
  return (
    <Section title={t("partner")}>
      <Table size="small" aria-label={t("partner")}>
        <TableBody>
          <Row label={t("company")}>
            <MuiLink component={Link} to={createPath({ resource: "partners", type: "show", id: partner.id })}>
              {partner.company_name}
            </MuiLink>
          </Row>
          <Row label={t("entity_type")}>{entityLabel(partner.entity_type)}</Row>
          <Row label={t("company_registered_in")}>{partner.company_registration_region}</Row>
          <Row label={t("account_region")}>{partner.registration_region}</Row>
          <Row label={t("contact")}>{partner.contact_name}</Row>
          <Row label={t("contact_email")}>{partner.contact_email}</Row>
          <Row label={t("contact_phone")}>{partner.contact_phone ?? "—"}</Row>
        </TableBody>
      </Table>
    </Section>
  );
}

/** Earlier submissions, each with what the partner changed in the next one. */
function Revisions({ record }: { record: ApplicationReview }) {
  const revisions = [...(record.revisions ?? [])].sort((a, b) => a.revision - b.revision);
  const earlier = revisions.filter((r) => r.revision < record.revision);
  const fields = fieldsFor(record.partner?.entity_type);
  const t = useT();
  return (
    <Section title={t("earlier_revisions")}>
      {earlier.length === 0 ? (
        <Typography color="text.secondary">{t("first_submission")}</Typography>
      ) : (
        <Stack spacing={2} divider={<Divider flexItem />}>
          {earlier.map((r) => {
            const next = revisions.find((n) => n.revision === r.revision + 1);
            const changed = next ? changedFields(r.details, next.details, fields) : [];
            return (
              <Box key={r.revision}>
                <Typography variant="subtitle1" component="h3">
                  {t("revision_submitted", { revision: r.revision, submitted: formatDateTime(r.submitted_at) })}
                </Typography>
                {changed.length === 0 ? (
                  <Typography color="text.secondary">{t("nothing_changed", { revision: r.revision + 1 })}</Typography>
                ) : (
                  <Table size="small" aria-label={t("changes_from", { from: r.revision, to: r.revision + 1 })}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t("field_changed", { revision: r.revision + 1 })}</TableCell>
                        <TableCell>{t("was")}</TableCell>
                        <TableCell>{t("now")}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {changed.map((f) => (
                        <TableRow key={f.name}>
                          <TableCell>{f.label[activeLang()]}</TableCell>
                          <TableCell translate="no">{formatValue(f, r.details[f.name])}</TableCell>
                          <TableCell translate="no">{formatValue(f, next?.details[f.name])}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </Box>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}

export function HistoryTable({ events, label }: { events: AuditEvent[]; label?: string }) {
  const t = useT();
  if (events.length === 0) return <Typography color="text.secondary">{t("nothing_yet")}</Typography>;
  return (
    <Table size="small" aria-label={label ?? t("history")}>
      <TableHead>
        <TableRow>
          <TableCell>{t("when_and_who")}</TableCell>
          <TableCell>{t("what")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.id} sx={{ verticalAlign: "top" }}>
            <TableCell sx={{ width: "45%", overflowWrap: "anywhere" }}>
              {formatDateTime(e.occurred_at)}
              <Typography variant="body2" color="text.secondary">
                {e.actor_label ?? e.actor_type}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2" component="div">
                {actionLabel(e.action)}
              </Typography>
              {(e.from_status || e.to_status) && (
                <Typography variant="body2" color="text.secondary">
                  {transitionLabel("application", e.from_status, e.to_status)}
                </Typography>
              )}
              {e.reason && (
                <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", mt: 0.5 }} translate="no">
                  “{e.reason}”
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The partner's services this approval covers: a revocation turns them Off, and this shows it. */
function CoveredServices({ record }: { record: ApplicationReview }) {
  const { data, isPending } = useGetList<Service>("services", {
    filter: { partner_id: record.partner_id },
    pagination: { page: 1, perPage: 100 },
  });
  const createPath = useCreatePath();
  const t = useT();
  if (isPending) return null;
  const covered = (data ?? []).filter((s) => s.category_id === record.category_id && s.target_market === record.target_market);
  return (
    <Section title={t("services_under_approval")}>
      {covered.length === 0 ? (
        <Typography color="text.secondary">{t("no_covered_services")}</Typography>
      ) : (
        <Table size="small" aria-label={t("services_under_approval")}>
          <TableBody>
            {covered.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  <MuiLink component={Link} to={createPath({ resource: "services", type: "show", id: s.id })}>
                    {s.name}
                  </MuiLink>
                </TableCell>
                <TableCell>
                  <StatusChip status={s.status} kind="service" />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

function ApplicationContent() {
  const record = useRecordContext<ApplicationReview>();
  const t = useT();
  if (!record) return null;
  // A queue row (placed in the cache by react-admin) has no partner, history or revisions yet: wait for them.
  if (!record.partner || !record.history || !record.revisions) {
    return <LinearProgress sx={{ m: 2 }} aria-label={t("loading_application")} />;
  }
  return (
    <Box sx={{ p: 2 }}>
      <Summary record={record} />
      <Grid container spacing={2} sx={{ mt: 1 }}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Stack spacing={2}>
            <FormDetails record={record} />
            <Revisions record={record} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Stack spacing={2}>
            {record.partner && <PartnerCard partner={record.partner} />}
            {record.partner_id ? (
              <Section title={t("referral_quality_days", { days: QUALITY_DAYS })}>
                <ReferralQualityPanel partnerId={String(record.partner_id)} />
              </Section>
            ) : null}
            {(record.status === "APPROVED" || record.status === "REVOKED") && <CoveredServices record={record} />}
            <Section title={t("history")}>
              <HistoryTable events={record.history ?? []} />
            </Section>
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
}

function Actions() {
  const t = useT();
  return (
    <TopToolbar sx={{ justifyContent: "space-between", width: "100%" }}>
      <Stack direction="row" spacing={1}>
        <ListButton label={t("back_to_queue")} />
        <NextInQueueButton />
      </Stack>
      <DecisionButtons />
    </TopToolbar>
  );
}

export function ApplicationShow() {
  const t = useT();
  return (
    <Show actions={<Actions />} title={t("application")}>
      <ApplicationContent />
    </Show>
  );
}
