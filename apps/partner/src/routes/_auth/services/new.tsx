import {
  Alert,
  AlertTitle,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  ListSubheader,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { APPLICATION_STATUS_WORDS } from "@shopreg/domain";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ButtonLink } from "../../../components/links.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { type Application, client, data, refusalReason, type Service } from "../../../lib/api.ts";
import { useApiErrors } from "../../../lib/errors.ts";
import { regionName, useI18n } from "../../../lib/i18n.tsx";
import { applicationsQuery, catalogQuery, sessionQuery } from "../../../lib/queries.ts";

export const Route = createFileRoute("/_auth/services/new")({
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.ensureQueryData(applicationsQuery), queryClient.ensureQueryData(catalogQuery)]),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: NewService,
});

const CATEGORY = "shop_registration";
const MARKET = "US";

function NotApproved({ application }: { application: Application | undefined }) {
  const { t, pick } = useI18n();
  return (
    <Alert
      severity="warning"
      action={
        <ButtonLink to="/profile" search={{ tab: "category" }} color="inherit" size="small">
          {t("newService.applyNow")}
        </ButtonLink>
      }
    >
      <AlertTitle>{t("newService.notApproved")}</AlertTitle>
      {t("newService.notApprovedBody")}{" "}
      {application
        ? t("newService.currentStatus", { status: pick(APPLICATION_STATUS_WORDS[application.status]) })
        : t("newService.noApplication")}{" "}
      {t("newService.whereToApply")}.
    </Alert>
  );
}

function NewService() {
  const { t, lang } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const { data: applications } = useSuspenseQuery(applicationsQuery);
  const { data: catalog } = useSuspenseQuery(catalogQuery);
  const current = applications.data.find((a) => a.category_id === CATEGORY && a.target_market === MARKET);
  const approved = current?.status === "APPROVED";
  const [form, setForm] = useState({
    type: "CUSTOM" as Service["type"],
    category_id: CATEGORY,
    name: "",
    description: "",
    contact_email: session?.partner.contact_email ?? "",
  });
  const create = useMutation({
    mutationFn: () => data(client.POST("/v1/services", { body: { ...form, target_market: MARKET } })),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: ["services"] });
      await navigate({ to: "/services/$serviceId", params: { serviceId: s.id } });
    },
  });
  const fields = fieldErrors(create.error);
  const refused = refusalReason(create.error) === "application_not_approved";
  const name = (id: string) => {
    const c = catalog.categories.find((x) => x.id === id);
    return c ? (lang === "zh" ? c.name_zh : c.name) : id;
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 760 }}>
      <Typography variant="h1">{t("newService.title")}</Typography>
      {!approved || refused ? <NotApproved application={current} /> : null}
      <Paper component="form" noValidate onSubmit={onSubmit} sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={2.5}>
          <FormControl component="fieldset">
            <FormLabel component="legend">{t("newService.type")}</FormLabel>
            <RadioGroup
              row
              name="type"
              value={form.type}
              onChange={(e) => setForm({ ...form, type: e.target.value as Service["type"] })}
            >
              <FormControlLabel value="CUSTOM" control={<Radio />} label={t("newService.custom")} />
              <FormControlLabel
                value="PUBLIC"
                disabled
                control={<Radio />}
                label={`${t("newService.public")} (${t("newService.publicHelp")})`}
              />
            </RadioGroup>
            <FormHelperText>{t("newService.customHelp")}</FormHelperText>
          </FormControl>
          <TextField
            id="service-category"
            select
            label={t("newService.category")}
            value={form.category_id}
            onChange={(e) => setForm({ ...form, category_id: e.target.value })}
            error={Boolean(fields.category_id)}
            helperText={fields.category_id}
            required
          >
            <ListSubheader>{name("outsourced_operations")}</ListSubheader>
            <MenuItem value={CATEGORY}>
              {name("outsourced_operations")} &gt; {name(CATEGORY)}
            </MenuItem>
          </TextField>
          <TextField
            id="service-market"
            label={t("services.market")}
            value={regionName(MARKET, lang)}
            slotProps={{ input: { readOnly: true } }}
          />
          <TextField
            id="service-name"
            label={t("newService.name")}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            error={Boolean(fields.name)}
            helperText={fields.name}
            required
            slotProps={{ htmlInput: { maxLength: 120 } }}
          />
          <TextField
            id="service-description"
            label={t("newService.description")}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
            error={Boolean(fields.description)}
            helperText={fields.description}
            required
            multiline
            minRows={3}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
          <TextField
            id="service-contact-email"
            type="email"
            label={t("newService.contactEmail")}
            value={form.contact_email}
            onChange={(e) => setForm({ ...form, contact_email: e.target.value })}
            error={Boolean(fields.contact_email)}
            helperText={fields.contact_email}
            required
          />
          {create.error && !refused ? (
            <Alert severity="error">{Object.keys(fields).length ? t("common.fixFields") : errorText(create.error)}</Alert>
          ) : null}
          <Box sx={{ display: "flex", justifyContent: "flex-end", gap: 1 }}>
            <ButtonLink to="/services">{t("common.cancel")}</ButtonLink>
            <Button type="submit" variant="contained" disabled={create.isPending || !approved}>
              {t("newService.create")}
            </Button>
          </Box>
        </Stack>
      </Paper>
    </Stack>
  );
}
