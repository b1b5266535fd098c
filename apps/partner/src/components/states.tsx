import { Alert, AlertTitle, Box, Button, CircularProgress, Paper, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { isApiError } from "../lib/api.ts";
import { useErrorWords } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";
import { sessionQuery } from "../lib/queries.ts";
import { homeOf } from "../lib/scopes.ts";
import { ButtonLink } from "./links.tsx";

export function LoadingState() {
  const { t } = useI18n();
  return (
    <Box role="status" aria-live="polite" sx={{ display: "flex", alignItems: "center", gap: 2, p: 4, justifyContent: "center" }}>
      <CircularProgress size={24} aria-hidden />
      <Typography color="text.secondary">{t("common.loading")}</Typography>
    </Box>
  );
}

/**
 * The API refused the page because of who is asking (403 for a missing scope or role), not because
 * something broke: trying again cannot help, so say why in the reader's language and lead home.
 */
export const isRoleRefusal = (error: unknown) =>
  isApiError(error) &&
  error.status === 403 &&
  (error.code === "forbidden" ||
    error.code === "scope_required" ||
    Boolean((error.details as { required_scope?: string } | undefined)?.required_scope));

export function ForbiddenState() {
  const { t } = useI18n();
  const session = useQuery(sessionQuery).data ?? null;
  const role = session ? t(`members.role.${session.user.role}`) : "";
  return (
    <Alert
      severity="info"
      role="alert"
      sx={{ my: 2 }}
      action={
        <ButtonLink to={homeOf(session)} color="inherit" size="small">
          {t("forbidden.home")}
        </ButtonLink>
      }
    >
      <AlertTitle>{t("forbidden.title")}</AlertTitle>
      {t("forbidden.body", { role })}
    </Alert>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const words = useErrorWords();
  if (isRoleRefusal(error)) return <ForbiddenState />;
  const details = isApiError(error) ? (error.details as { required_scope?: string } | undefined) : undefined;
  const message =
    isApiError(error) && error.code === "two_factor_enrolment_required"
      ? t("account.twoFactorRequired")
      : details?.required_scope
        ? t("role.notAllowed")
        : words(error);
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert
      severity="error"
      sx={{ my: 2 }}
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{t("common.error")}</AlertTitle>
      {message}
      {requestId ? (
        <Typography variant="caption" component="div" sx={{ mt: 0.5 }}>
          {requestId}
        </Typography>
      ) : null}
    </Alert>
  );
}

export function EmptyState({ title, help, action }: { title: string; help?: string; action?: ReactNode }) {
  return (
    <Paper sx={{ p: { xs: 3, sm: 5 }, textAlign: "center" }}>
      <Typography variant="h3" component="p" gutterBottom>
        {title}
      </Typography>
      {help ? (
        <Typography color="text.secondary" sx={{ mb: action ? 2 : 0 }}>
          {help}
        </Typography>
      ) : null}
      {action}
    </Paper>
  );
}
