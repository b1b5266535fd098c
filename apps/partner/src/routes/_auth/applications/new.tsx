import { Alert, Box, Button, Stack, Typography } from "@mui/material";
import { LIVE_APPLICATION_STATUSES } from "@shopreg/domain";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { ApplyStepper } from "../../../components/ApplyStepper.tsx";
import { ButtonLink } from "../../../components/links.tsx";
import { COMPANY_INFO_FIELDS, type CompanyInfo, StartBusiness } from "../../../components/StartBusiness.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { client, data } from "../../../lib/api.ts";
import { useApiErrors } from "../../../lib/errors.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { applicationsQuery, catalogQuery, sessionQuery } from "../../../lib/queries.ts";

export const Route = createFileRoute("/_auth/applications/new")({
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.ensureQueryData(catalogQuery), queryClient.ensureQueryData(applicationsQuery)]),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: NewApplication,
});

function NewApplication() {
  const { t } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const { data: catalog } = useSuspenseQuery(catalogQuery);
  const { data: applications } = useSuspenseQuery(applicationsQuery);
  // The markets come from the catalog; the first open one is preselected (only the U.S. today).
  const [market, setMarket] = useState(() => catalog.markets.find((m) => m.open)?.code ?? "");
  const [companyInfo, setCompanyInfo] = useState<CompanyInfo>({
    company_registration_number: "",
    registered_address: "",
    legal_representative: "",
  });
  const crossBorder = session?.partner.entity_type === "NON_US";
  const infoComplete = !crossBorder || COMPANY_INFO_FIELDS.every((f) => companyInfo[f].trim() !== "");
  const [category, setCategory] = useState("shop_registration");
  const live = applications.data.find(
    (a) => a.category_id === category && a.target_market === market && LIVE_APPLICATION_STATUSES.includes(a.status),
  );
  const create = useMutation({
    mutationFn: () =>
      data(
        client.POST("/v1/applications", {
          body: {
            category_id: category,
            target_market: market,
            // What sign-up already told us goes in too, as a U.S. application gets its legal name at sign-up.
            ...(crossBorder
              ? {
                  details: {
                    legal_company_name: session?.partner.company_name ?? "",
                    registered_country: session?.partner.company_registration_region ?? "",
                    ...companyInfo,
                  },
                }
              : {}),
          },
        }),
      ),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: ["applications"] });
      await navigate({ to: "/applications/$applicationId", params: { applicationId: a.id }, replace: true });
    },
  });
  const detailErrors = fieldErrors(create.error, "details");
  if (!session) return null;
  return (
    <Stack spacing={2} sx={{ maxWidth: 880 }}>
      <Typography variant="h1">{t("apply.title")}</Typography>
      <ApplyStepper active={0} />
      <StartBusiness
        partner={session.partner}
        catalog={catalog}
        market={market}
        category={category}
        onMarket={setMarket}
        onCategory={setCategory}
        companyInfo={crossBorder ? { value: companyInfo, onChange: setCompanyInfo, errors: detailErrors } : undefined}
      />
      {live ? (
        <Alert
          severity="info"
          action={
            <ButtonLink to="/applications/$applicationId" params={{ applicationId: live.id }} color="inherit" size="small">
              {t("apply.openIt")}
            </ButtonLink>
          }
        >
          {t("apply.live")}
        </Alert>
      ) : null}
      {create.error ? <Alert severity="error">{errorText(create.error)}</Alert> : null}
      <Box sx={{ display: "flex", justifyContent: "flex-end", gap: 1 }}>
        <ButtonLink to="/profile" search={{ tab: "category" }}>
          {t("common.cancel")}
        </ButtonLink>
        <Button
          variant="contained"
          disabled={Boolean(live) || !market || !infoComplete || create.isPending}
          onClick={() => create.mutate()}
        >
          {t("common.next")}
        </Button>
      </Box>
    </Stack>
  );
}
