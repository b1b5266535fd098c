import { Box, Container, Typography } from "@mui/material";
import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import { ButtonLink } from "../components/links.tsx";
import { ErrorState } from "../components/states.tsx";
import type { Auth } from "../lib/auth.ts";
import { useI18n } from "../lib/i18n.tsx";

export type RouterContext = { queryClient: QueryClient; auth: Auth };

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  errorComponent: ({ error, reset }) => (
    <Container component="main" maxWidth="sm" sx={{ py: 6 }}>
      <ErrorState error={error} onRetry={reset} />
    </Container>
  ),
  notFoundComponent: NotFound,
});

function NotFound() {
  const { t } = useI18n();
  return (
    <Box component="main" sx={{ p: 6, textAlign: "center" }}>
      <Typography variant="h1" gutterBottom>
        404
      </Typography>
      <Typography sx={{ mb: 2 }}>{t("common.notFound")}</Typography>
      <ButtonLink to="/profile" variant="contained">
        {t("common.goHome")}
      </ButtonLink>
    </Box>
  );
}
