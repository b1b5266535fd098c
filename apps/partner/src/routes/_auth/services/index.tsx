import { Box, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from "@mui/material";
import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { ButtonLink, TextLink } from "../../../components/links.tsx";
import { ServiceStatusChip } from "../../../components/StatusChip.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { useCategoryPath } from "../../../lib/categories.ts";
import { formatDate, regionName, useI18n } from "../../../lib/i18n.tsx";
import { servicesQuery } from "../../../lib/queries.ts";

export const Route = createFileRoute("/_auth/services/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(servicesQuery),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: ServicesPage,
});

function ServicesPage() {
  const { t, lang } = useI18n();
  const categoryPath = useCategoryPath();
  const { data } = useSuspenseQuery(servicesQuery);
  const add = (
    <ButtonLink to="/services/new" variant="contained">
      {t("services.add")}
    </ButtonLink>
  );
  return (
    <Stack spacing={2}>
      <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
        <Typography variant="h1">{t("services.title")}</Typography>
        {add}
      </Box>
      {data.data.length === 0 ? (
        <EmptyState title={t("services.empty")} help={t("services.emptyHelp")} />
      ) : (
        <TableContainer component={Paper}>
          <Table aria-label={t("services.title")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("services.name")}</TableCell>
                <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{t("services.category")}</TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("services.market")}</TableCell>
                <TableCell>{t("services.status")}</TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("services.created")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.data.map((s) => (
                <TableRow key={s.id} hover>
                  <TableCell>
                    <TextLink to="/services/$serviceId" params={{ serviceId: s.id }} sx={{ fontWeight: 600 }}>
                      {s.name}
                    </TextLink>
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                    {categoryPath(s.category_path.slice(1))}
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{regionName(s.target_market, lang)}</TableCell>
                  <TableCell>
                    <ServiceStatusChip status={s.status} />
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{formatDate(s.created_at, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
