import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import { Alert, AlertTitle, Box, Button, Paper, Snackbar, Stack, Typography } from "@mui/material";
import { APPLICATION_STATUS_WORDS } from "@shopreg/domain";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useState } from "react";
import { ApplicationDetailsForm, type DetailsValues, detailsPatch } from "../../../components/ApplicationDetailsForm.tsx";
import { ApplyStepper } from "../../../components/ApplyStepper.tsx";
import { ButtonLink } from "../../../components/links.tsx";
import { ApplicationStatusChip } from "../../../components/StatusChip.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { type Application, client, data } from "../../../lib/api.ts";
import { useCategoryPath } from "../../../lib/categories.ts";
import { useApiErrors } from "../../../lib/errors.ts";
import { regionName, useI18n } from "../../../lib/i18n.tsx";
import { applicationQuery, formQuery, sessionQuery } from "../../../lib/queries.ts";

export const Route = createFileRoute("/_auth/applications/$applicationId")({
  loader: async ({ context: { queryClient, session }, params }) => {
    const entity = session.partner.entity_type;
    await Promise.all([
      queryClient.ensureQueryData(applicationQuery(params.applicationId)),
      queryClient.ensureQueryData(formQuery(entity)),
    ]);
  },
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: ApplicationDetails,
});

function ApplicationDetails() {
  const { t, lang, pick } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const categoryPath = useCategoryPath();
  const { applicationId } = Route.useParams();
  const queryClient = useQueryClient();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const entity = session?.partner.entity_type ?? "US";
  const { data: application } = useSuspenseQuery(applicationQuery(applicationId));
  const { data: form } = useSuspenseQuery(formQuery(entity));
  // What the partner typed stays here, whatever the server answers.
  const [values, setValues] = useState<DetailsValues>(() => ({ ...application.details }));
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState(false);
  const editable = application.allowed_actions.some((a) => a.action === "update");
  const resubmitting = application.status === "NEEDS_INFO";
  // Submitting is offered by the API only when it would succeed (a confirmed address among others).
  const canSubmit = application.allowed_actions.some((a) => a.action === "submit" || a.action === "resubmit");
  const unverified = !canSubmit && session?.user.email_verified === false;

  const refresh = async (a: Application) => {
    queryClient.setQueryData(applicationQuery(a.id).queryKey, a);
    await queryClient.invalidateQueries({ queryKey: ["applications"] });
  };
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PATCH("/v1/applications/{id}", {
          params: { path: { id: applicationId } },
          body: { details: detailsPatch(form.fields, values) },
        }),
      ),
    onSuccess: async (a) => {
      setSaved(true);
      await refresh(a);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      await client.PATCH("/v1/applications/{id}", {
        params: { path: { id: applicationId } },
        body: { details: detailsPatch(form.fields, values) },
      });
      const step = { params: { path: { id: applicationId } } };
      return data(
        resubmitting ? client.POST("/v1/applications/{id}/resubmit", step) : client.POST("/v1/applications/{id}/submit", step),
      );
    },
    onSuccess: async (a) => {
      setSubmitted(true);
      window.scrollTo?.({ top: 0 });
      await refresh(a);
    },
    onError: (e) => {
      const first = Object.keys(fieldErrors(e, "details"))[0];
      if (first) document.getElementById(`field-${first}`)?.focus();
    },
  });
  const error = submit.error ?? save.error;
  const detailErrors = fieldErrors(error, "details");
  const busy = save.isPending || submit.isPending;

  if (submitted) {
    return (
      <Stack spacing={2} sx={{ maxWidth: 880 }}>
        <Typography variant="h1">{t("apply.title")}</Typography>
        <ApplyStepper active={2} />
        <Paper sx={{ p: 5, textAlign: "center" }}>
          <CheckCircleIcon color="success" sx={{ fontSize: 56 }} aria-hidden />
          <Typography variant="h2" component="p" role="status" sx={{ my: 1 }}>
            {t("apply.submitted")}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            {t("apply.submittedBody")}
          </Typography>
          <ButtonLink to="/profile" search={{ tab: "category" }} variant="contained">
            {t("apply.backToProfile")}
          </ButtonLink>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack spacing={2} sx={{ maxWidth: 880 }}>
      <Typography variant="h1">{t("apply.title")}</Typography>
      <ApplyStepper active={1} />
      <Paper sx={{ p: 2, display: "flex", gap: 1.5, alignItems: "center", flexWrap: "wrap" }}>
        <Typography sx={{ fontWeight: 600 }}>{categoryPath(application.category_path)}</Typography>
        <Typography color="text.secondary">· {regionName(application.target_market, lang)}</Typography>
        <ApplicationStatusChip status={application.status} />
      </Paper>
      {application.status === "NEEDS_INFO" && application.decision_reason ? (
        <Alert severity="warning">
          <AlertTitle>{t("apply.needsInfo")}</AlertTitle>
          {application.decision_reason}
        </Alert>
      ) : null}
      {!editable ? (
        <Alert severity="info">{t("apply.readOnly", { status: pick(APPLICATION_STATUS_WORDS[application.status]) })}</Alert>
      ) : null}
      <Paper component="form" noValidate sx={{ p: { xs: 2, sm: 3 } }} onSubmit={(e) => e.preventDefault()}>
        <Typography variant="h2" sx={{ mb: 2.5 }}>
          {entity === "US" ? t("apply.formUS") : t("apply.formNonUS")}
        </Typography>
        <ApplicationDetailsForm
          fields={form.fields}
          values={values}
          errors={detailErrors}
          disabled={!editable || busy}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        />
        {error ? (
          <Alert severity="error" sx={{ mt: 3 }}>
            {Object.keys(detailErrors).length ? t("common.fixFields") : errorText(error)}
          </Alert>
        ) : null}
        {editable ? (
          <Box sx={{ display: "flex", justifyContent: "flex-end", gap: 1, mt: 3, flexWrap: "wrap" }}>
            <ButtonLink to="/profile" search={{ tab: "category" }} disabled={busy}>
              {t("common.cancel")}
            </ButtonLink>
            <Button variant="outlined" onClick={() => save.mutate()} disabled={busy}>
              {t("apply.saveDraft")}
            </Button>
            <Button
              variant="contained"
              type="submit"
              onClick={() => submit.mutate()}
              disabled={busy || !canSubmit}
              aria-describedby={unverified ? "apply-unverified" : undefined}
            >
              {resubmitting ? t("apply.resubmit") : t("apply.submit")}
            </Button>
          </Box>
        ) : null}
        {editable && unverified ? (
          <Alert id="apply-unverified" severity="info" sx={{ mt: 2 }}>
            {t("apply.unverified")}
          </Alert>
        ) : null}
      </Paper>
      <Snackbar open={saved} autoHideDuration={2500} onClose={() => setSaved(false)} message={t("apply.saved")} />
    </Stack>
  );
}
