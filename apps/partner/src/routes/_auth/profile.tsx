import EditIcon from "@mui/icons-material/EditOutlined";
import ExpandMoreIcon from "@mui/icons-material/ExpandMore";
import LockIcon from "@mui/icons-material/LockOutlined";
import { Alert, AlertTitle, Box, Button, Card, CardActions, CardContent, Grid, Paper, Stack, Typography } from "@mui/material";
import { oneOf } from "@shopreg/analytics-ui/search";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, type SearchSchemaInput, useNavigate } from "@tanstack/react-router";
import { lazy, Suspense, useState } from "react";
import { ButtonLink } from "../../components/links.tsx";
import { ApplicationStatusChip } from "../../components/StatusChip.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { TabList } from "../../components/TabList.tsx";
import { type Application, client, data, type Partner } from "../../lib/api.ts";
import { useCategoryPath } from "../../lib/categories.ts";
import { formatDate, type MessageKey, regionName, useI18n } from "../../lib/i18n.tsx";
import { applicationsQuery, sessionQuery } from "../../lib/queries.ts";
import { hasScope } from "../../lib/scopes.ts";

// The dialogs and the note (and Material UI's text field) load when they open, not with the signed-in home.
const EditDialog = lazy(() =>
  import("../../components/EditDialog.tsx").then((m) => ({ default: m.EditDialog })),
) as unknown as typeof import("../../components/EditDialog.tsx").EditDialog;
const ConfirmDialog = lazy(() => import("../../components/ConfirmDialog.tsx").then((m) => ({ default: m.ConfirmDialog })));
const Snackbar = lazy(() => import("@mui/material/Snackbar"));
// An application's history (and the audit vocabulary's words) loads when it is opened.
const HistoryList = lazy(() => import("../../components/ApplicationHistory.tsx"));

export const Route = createFileRoute("/_auth/profile")({
  validateSearch: (s: { tab?: unknown } & SearchSchemaInput) => ({
    tab: oneOf(s.tab, ["basic", "category"] as const) ?? "category",
  }),
  loader: ({ context }) => context.queryClient.ensureQueryData(applicationsQuery),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: ProfilePage,
});

function ProfilePage() {
  const { t } = useI18n();
  const { tab } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <Stack spacing={2}>
      <Typography variant="h1">{t("profile.title")}</Typography>
      <Paper>
        <TabList
          value={tab}
          onChange={(v) => navigate({ search: { tab: v }, replace: true })}
          label={t("profile.title")}
          items={[
            { value: "basic", label: t("profile.tab.basic"), id: "tab-basic", controls: "panel-basic" },
            { value: "category", label: t("profile.tab.category"), id: "tab-category", controls: "panel-category" },
          ]}
          sx={{ px: 2, borderBottom: 1, borderColor: "divider" }}
        />
        <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} sx={{ p: { xs: 2, sm: 3 } }}>
          {tab === "basic" ? <BasicInfo /> : <ServiceCategories />}
        </Box>
      </Paper>
    </Stack>
  );
}

function BasicInfo() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (!session) return null;
  const p = session.partner;
  const rows: [MessageKey, string, boolean?][] = [
    ["profile.companyName", p.company_name],
    ["profile.entityType", t(`entity.${p.entity_type}`), true],
    ["profile.registrationRegion", regionName(p.registration_region, lang), true],
    ["profile.companyRegistrationRegion", regionName(p.company_registration_region, lang), true],
    ["profile.contactName", p.contact_name],
    ["profile.contactEmail", p.contact_email],
    ["profile.contactPhone", p.contact_phone ?? "—"],
  ];
  return (
    <Stack spacing={2}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
        <Typography variant="h2" sx={{ flexGrow: 1 }}>
          {t("profile.tab.basic")}
        </Typography>
        {/* Only for roles that may change it (a developer or analyst would get 403). */}
        {hasScope(session, "profile:write") ? (
          <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
        ) : null}
      </Box>
      <Grid container spacing={2} component="dl" sx={{ m: 0 }}>
        {rows.map(([label, value, fixed]) => (
          <Grid key={label} size={{ xs: 12, sm: 6 }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t(label)}
              {fixed ? (
                <Box component="span" sx={{ display: "inline-flex", alignItems: "center", ml: 1 }} title={t("profile.fixed")}>
                  <LockIcon sx={{ fontSize: 14 }} aria-hidden />
                  <Box component="span" sx={{ ml: 0.5, fontSize: 12 }}>
                    {t("profile.fixed")}
                  </Box>
                </Box>
              ) : null}
            </Typography>
            <Typography component="dd" sx={{ m: 0, fontWeight: 500 }}>
              {value}
            </Typography>
          </Grid>
        ))}
      </Grid>
      <Typography variant="body2" color="text.secondary">
        {t("profile.editHelp")}
      </Typography>
      {editing ? (
        <Suspense fallback={null}>
          <EditDialog<Partner>
            open
            title={t("profile.edit")}
            fields={[
              { name: "company_name", label: t("profile.companyName"), value: p.company_name, required: true },
              { name: "contact_name", label: t("profile.contactName"), value: p.contact_name, required: true },
              { name: "contact_email", label: t("profile.contactEmail"), value: p.contact_email, type: "email", required: true },
              { name: "contact_phone", label: t("profile.contactPhone"), value: p.contact_phone, type: "tel", nullable: true },
            ]}
            save={(patch) => data(client.PATCH("/v1/profile", { body: patch }))}
            onSaved={(partner) => {
              queryClient.setQueryData(sessionQuery.queryKey, (old) => (old ? { ...old, partner } : old));
              setEditing(false);
              setNote(t("profile.saved"));
            }}
            onClose={() => setEditing(false)}
          />
        </Suspense>
      ) : null}
      {note !== null ? (
        <Suspense fallback={null}>
          <Snackbar open autoHideDuration={3000} onClose={() => setNote(null)} message={note} />
        </Suspense>
      ) : null}
    </Stack>
  );
}

function ServiceCategories() {
  const { t } = useI18n();
  const { data } = useSuspenseQuery(applicationsQuery);
  const { data: session } = useSuspenseQuery(sessionQuery);
  return (
    <Stack spacing={2}>
      <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
        <Typography variant="h2">{t("profile.tab.category")}</Typography>
        {hasScope(session, "applications:write") ? (
          <ButtonLink to="/applications/new" variant="contained">
            {t("category.add")}
          </ButtonLink>
        ) : null}
      </Box>
      {data.data.length === 0 ? (
        <EmptyState title={t("category.empty")} help={t("category.emptyHelp")} />
      ) : (
        data.data.map((a) => <ApplicationCard key={a.id} application={a} />)
      )}
    </Stack>
  );
}

const reasonSeverity = { NEEDS_INFO: "warning", REJECTED: "error", REVOKED: "error", APPROVED: "success" } as const;

function ApplicationCard({ application: a }: { application: Application }) {
  const { t, lang } = useI18n();
  const categoryPath = useCategoryPath();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => data(client.POST("/v1/applications/{id}/withdraw", { params: { path: { id: a.id } } })),
    onSuccess: async () => {
      setConfirm(false);
      await queryClient.invalidateQueries({ queryKey: ["applications"] });
    },
  });
  const can = (action: string) => a.allowed_actions.some((x) => x.action === action);
  const severity = reasonSeverity[a.status as keyof typeof reasonSeverity] ?? "info";
  return (
    <Card component="article" aria-label={categoryPath(a.category_path)}>
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", flexWrap: "wrap", mb: 1 }}>
          <Typography variant="h3" component="h3">
            {categoryPath(a.category_path)}
          </Typography>
          <ApplicationStatusChip status={a.status} />
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t("category.targetMarket")}: {regionName(a.target_market, lang)}
          {a.submitted_at ? ` · ${t("category.submittedAt")}: ${formatDate(a.submitted_at, lang)}` : ""}
          {a.revision > 0 ? ` · ${t("category.revision")} ${a.revision}` : ""}
        </Typography>
        {a.decision_reason ? (
          <Alert severity={severity} sx={{ mt: 2 }}>
            <AlertTitle>{t("category.reason")}</AlertTitle>
            {a.decision_reason}
          </Alert>
        ) : null}
        {a.status === "APPROVED" ? (
          <Alert
            severity="success"
            sx={{ mt: 2 }}
            action={
              <ButtonLink to="/services" color="inherit" size="small">
                {t("category.goServices")}
              </ButtonLink>
            }
          >
            {t("category.approvedHelp")}
          </Alert>
        ) : null}
        <History id={a.id} />
      </CardContent>
      {can("update") || can("submit") || can("resubmit") || can("withdraw") ? (
        <CardActions sx={{ px: 2, pb: 2, flexWrap: "wrap", gap: 1 }}>
          {can("update") || can("submit") || can("resubmit") ? (
            <ButtonLink to="/applications/$applicationId" params={{ applicationId: a.id }} variant="contained">
              {can("resubmit") ? t("category.resubmit") : a.status === "DRAFT" ? t("category.continue") : t("category.edit")}
            </ButtonLink>
          ) : null}
          {can("withdraw") ? (
            <Button color="error" onClick={() => setConfirm(true)}>
              {t("category.withdraw")}
            </Button>
          ) : null}
        </CardActions>
      ) : null}
      {confirm ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open
            title={t("category.withdrawTitle")}
            body={t("category.withdrawBody")}
            confirmLabel={t("category.withdraw")}
            danger
            pending={withdraw.isPending}
            error={withdraw.error}
            onConfirm={() => withdraw.mutate()}
            onClose={() => setConfirm(false)}
          />
        </Suspense>
      ) : null}
    </Card>
  );
}

function History({ id }: { id: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  // A plain disclosure (Material UI's Accordion and its transition were 3 KB gzip of the signed-in home).
  return (
    <Box sx={{ mt: 2, borderTop: 1, borderColor: "divider", pt: 1 }}>
      <Typography variant="body2" component="h4" sx={{ m: 0 }}>
        <Button
          id={`history-${id}-header`}
          aria-expanded={open}
          aria-controls={`history-${id}`}
          onClick={() => setOpen((v) => !v)}
          color="inherit"
          endIcon={<ExpandMoreIcon sx={{ transform: open ? "rotate(180deg)" : "none" }} />}
          sx={{ fontWeight: 600, textTransform: "none", px: 0 }}
        >
          {t("category.history")}
        </Button>
      </Typography>
      {open ? (
        <Box id={`history-${id}`} role="region" aria-labelledby={`history-${id}-header`} sx={{ pt: 1 }}>
          <Suspense fallback={<LoadingState />}>
            <HistoryList id={id} />
          </Suspense>
        </Box>
      ) : null}
    </Box>
  );
}
