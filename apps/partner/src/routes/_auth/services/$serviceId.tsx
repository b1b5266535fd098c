import EditIcon from "@mui/icons-material/EditOutlined";
import AnalyticsIcon from "@mui/icons-material/InsertChartOutlined";
import MoreHorizIcon from "@mui/icons-material/MoreHoriz";
import {
  Alert,
  Box,
  Button,
  FormControlLabel,
  Grid,
  IconButton,
  Menu,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Snackbar,
  Stack,
  Typography,
} from "@mui/material";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.tsx";
import { EditDialog } from "../../../components/EditDialog.tsx";
import { ButtonLink, TextLink } from "../../../components/links.tsx";
import { ReferralLinkCard } from "../../../components/ReferralLinkCard.tsx";
import { ServiceStatusChip } from "../../../components/StatusChip.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { resolveRange, scopeParams } from "../../../lib/analytics.ts";
import { client, data, type Service } from "../../../lib/api.ts";
import { regionName, useI18n } from "../../../lib/i18n.tsx";
import { analyticsFunnelQuery, catalogQuery, serviceQuery } from "../../../lib/queries.ts";

export const Route = createFileRoute("/_auth/services/$serviceId")({
  loader: ({ context: { queryClient }, params }) =>
    Promise.all([queryClient.ensureQueryData(serviceQuery(params.serviceId)), queryClient.ensureQueryData(catalogQuery)]),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: ServicePage,
});

const ZERO = { clicks: 0, unique_clicks: 0, registrations: 0 };
const AUDIENCE_ORDER = ["LOCAL_SELLER", "CROSS_BORDER_SELLER"];

function ServicePage() {
  const { t, lang } = useI18n();
  const { serviceId } = Route.useParams();
  const queryClient = useQueryClient();
  const { data: service } = useSuspenseQuery(serviceQuery(serviceId));
  const { data: catalog } = useSuspenseQuery(catalogQuery);
  const [dialog, setDialog] = useState<"publish" | "deactivate" | null>(null);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [market, setMarket] = useState(service.target_market);
  // The steps come from the API (allowed_actions): publishing is offered only to a role holding
  // services:write while the category and market are approved (a revoked approval would answer 403).
  const offers = (action: "update" | "publish" | "deactivate") => service.allowed_actions.some((a) => a.action === action);
  const canPublish = offers("publish");
  const canDeactivate = offers("deactivate");
  const [note, setNote] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  // Each link's "Last 30 days" as Analytics counts them (calendar days in the browser's time zone,
  // today included), so the two screens agree; the page does not wait for them.
  const linkStats = useQuery({
    ...analyticsFunnelQuery(scopeParams(resolveRange({ service_id: serviceId })), "link"),
    enabled: service.status !== "DRAFT",
  });
  const statsOf = (linkId: string) => (linkStats.data ? (linkStats.data.data.find((r) => r.key === linkId) ?? ZERO) : undefined);
  const done = async (s: Service, message: string) => {
    queryClient.setQueryData(serviceQuery(s.id).queryKey, s);
    await queryClient.invalidateQueries({ queryKey: ["services"], exact: true });
    setDialog(null);
    setNote(message);
  };
  const publish = useMutation({
    mutationFn: () =>
      data(
        client.POST("/v1/services/{id}/publish", {
          params: { path: { id: serviceId } },
          body: { confirm_target_market: market },
        }),
      ),
    onSuccess: (s) => done(s, t("service.published")),
  });
  const deactivate = useMutation({
    mutationFn: () => data(client.POST("/v1/services/{id}/deactivate", { params: { path: { id: serviceId } } })),
    onSuccess: (s) => done(s, t("service.deactivated")),
  });
  const openDialog = (d: "publish" | "deactivate") => {
    publish.reset();
    deactivate.reset();
    setMenu(null);
    setDialog(d);
  };
  const links = [...service.referral_links].sort(
    (a, b) => AUDIENCE_ORDER.indexOf(a.audience) - AUDIENCE_ORDER.indexOf(b.audience),
  );
  const categoryName = (id: string) => {
    const c = catalog.categories.find((x) => x.id === id);
    return c ? (lang === "zh" ? c.name_zh : c.name) : id;
  };
  // Outsourced Operations > Shop registration (the root, TikTok Shop Partner, goes without saying).
  const categoryTrail = (id: string): string => {
    const c = catalog.categories.find((x) => x.id === id);
    if (!c) return id;
    return c.parent_id && catalog.categories.find((x) => x.id === c.parent_id)?.parent_id
      ? `${categoryTrail(c.parent_id)} > ${categoryName(id)}`
      : categoryName(id);
  };
  const marketName = (code: string) => {
    const m = catalog.markets.find((x) => x.code === code);
    return m ? (lang === "zh" ? m.name_zh : m.name) : regionName(code, lang);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 980 }}>
      <Typography variant="body2">
        <TextLink to="/services">{t("services.title")}</TextLink>
      </Typography>
      <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
        <Typography variant="h1" sx={{ wordBreak: "break-word" }}>
          {service.name}
        </Typography>
        <ServiceStatusChip status={service.status} />
        <Box sx={{ flexGrow: 1 }} />
        {service.status !== "ON" && canPublish ? (
          <Button variant="contained" size="large" onClick={() => openDialog("publish")}>
            {service.status === "OFF" ? t("service.publishAgain") : t("service.publish")}
          </Button>
        ) : null}
      </Box>

      <Paper sx={{ p: { xs: 2, sm: 3 } }}>
        <Box sx={{ display: "flex", alignItems: "center", gap: 2, mb: 2 }}>
          <Typography variant="h2" sx={{ flexGrow: 1 }}>
            {t("service.details")}
          </Typography>
          {offers("update") ? (
            <Button variant="outlined" size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              {t("common.edit")}
            </Button>
          ) : null}
        </Box>
        <Grid container spacing={2} component="dl" sx={{ m: 0 }}>
          {[
            [t("service.type"), service.type === "CUSTOM" ? t("newService.custom") : t("newService.public")],
            [t("services.category"), categoryTrail(service.category_id)],
            [t("services.market"), marketName(service.target_market)],
            [t("newService.contactEmail"), service.contact_email],
            [t("newService.description"), service.description],
          ].map(([label, value]) => (
            <Grid key={label} size={{ xs: 12, sm: label === t("newService.description") ? 12 : 6 }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {label}
              </Typography>
              <Typography component="dd" sx={{ m: 0, whiteSpace: "pre-wrap" }}>
                {value}
              </Typography>
            </Grid>
          ))}
        </Grid>
      </Paper>

      <Paper component="section" aria-labelledby="target-sellers" sx={{ p: { xs: 2, sm: 3 } }}>
        <Box sx={{ display: "flex", alignItems: "center", mb: 2 }}>
          <Typography id="target-sellers" variant="h2" sx={{ flexGrow: 1 }}>
            {t("service.targetSellers")}
          </Typography>
          {service.status !== "DRAFT" ? (
            <ButtonLink
              to="/analytics"
              search={{ service_id: service.id }}
              size="small"
              startIcon={<AnalyticsIcon />}
              aria-label={`${t("analytics.viewService")}: ${service.name}`}
            >
              {t("analytics.viewService")}
            </ButtonLink>
          ) : null}
          {canDeactivate || (service.status === "OFF" && canPublish) ? (
            <>
              <IconButton
                aria-label={t("service.more")}
                aria-haspopup="menu"
                aria-controls={menu ? "service-menu" : undefined}
                aria-expanded={menu ? "true" : undefined}
                onClick={(e) => setMenu(e.currentTarget)}
              >
                <MoreHorizIcon />
              </IconButton>
              <Menu id="service-menu" anchorEl={menu} open={Boolean(menu)} onClose={() => setMenu(null)}>
                {canDeactivate ? (
                  <MenuItem onClick={() => openDialog("deactivate")}>{t("service.deactivate")}</MenuItem>
                ) : canPublish ? (
                  <MenuItem onClick={() => openDialog("publish")}>{t("service.publishAgain")}</MenuItem>
                ) : null}
              </Menu>
            </>
          ) : null}
        </Box>
        {service.status === "DRAFT" || links.length === 0 ? (
          <Alert severity="info">{t("service.draftLinks")}</Alert>
        ) : (
          <Stack spacing={2}>
            {service.status === "OFF" ? (
              <Alert severity="warning">{t(canPublish ? "service.offLinks" : "service.offNotApproved")}</Alert>
            ) : null}
            {links.map((l) => (
              <ReferralLinkCard key={l.id} link={l} serviceName={service.name} stats={statsOf(l.id)} />
            ))}
            <Typography variant="body2" color="text.secondary">
              {t("service.urlsStay")}
            </Typography>
          </Stack>
        )}
      </Paper>

      <ConfirmDialog
        open={dialog === "publish"}
        title={t("service.publishTitle")}
        body={t("service.publishBody")}
        confirmLabel={t("service.publish")}
        pending={publish.isPending}
        error={publish.error}
        onConfirm={() => publish.mutate()}
        onClose={() => setDialog(null)}
      >
        <RadioGroup
          aria-label={t("service.confirmMarket")}
          value={market}
          onChange={(e) => setMarket(e.target.value)}
          sx={{ mt: 2 }}
        >
          {catalog.markets
            .filter((m) => m.code === service.target_market)
            .map((m) => (
              <FormControlLabel
                key={m.code}
                value={m.code}
                control={<Radio />}
                label={`${t("service.confirmMarket")}: ${marketName(m.code)}`}
              />
            ))}
        </RadioGroup>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "deactivate"}
        title={t("service.deactivateTitle")}
        body={t("service.deactivateBody")}
        confirmLabel={t("service.deactivate")}
        danger
        pending={deactivate.isPending}
        error={deactivate.error}
        onConfirm={() => deactivate.mutate()}
        onClose={() => setDialog(null)}
      />
      <EditDialog<Service>
        open={editing}
        title={t("service.edit")}
        fields={[
          { name: "name", label: t("newService.name"), value: service.name, required: true },
          {
            name: "description",
            label: t("newService.description"),
            value: service.description,
            required: true,
            multiline: true,
          },
          {
            name: "contact_email",
            label: t("newService.contactEmail"),
            value: service.contact_email,
            type: "email",
            required: true,
          },
        ]}
        save={(patch) => data(client.PATCH("/v1/services/{id}", { params: { path: { id: serviceId } }, body: patch }))}
        onSaved={async (s) => {
          setEditing(false);
          await done(s, t("service.saved"));
        }}
        onClose={() => setEditing(false)}
      />
      <Snackbar open={note !== null} autoHideDuration={3000} onClose={() => setNote(null)} message={note} />
    </Stack>
  );
}
