import { Alert, CircularProgress, Stack, Typography } from "@mui/material";
import { text } from "@shopreg/analytics-ui/search";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { AuthShell } from "../components/AuthShell.tsx";
import { ButtonLink } from "../components/links.tsx";
import { client, data, refusalReason } from "../lib/api.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";
import { sessionQuery } from "../lib/queries.ts";

/** The link in the confirmation email: /verify-email?token=... It confirms on opening; no session needed. */
export const Route = createFileRoute("/verify-email")({
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: text(s.token, 200, { min: 20 }) }),
  component: VerifyEmailPage,
});

const REASONS = ["expired", "used", "unknown"] as const;

function VerifyEmailPage() {
  const { t } = useI18n();
  const { errorText } = useApiErrors();
  const { token } = Route.useSearch();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: (tok: string) => data(client.POST("/v1/email-verifications/confirm", { body: { token: tok } })),
    // A session in this browser now says the address is confirmed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }),
  });
  const { mutate } = confirm;
  // Once per opening: the token is single-use, so a second call (StrictMode's re-run) would say "used".
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      mutate(token);
    }
  }, [token, mutate]);
  const reason = REASONS.find((r) => r === refusalReason(confirm.error));
  return (
    <AuthShell title={t("verify.title")} footer={null}>
      <Stack spacing={2.5}>
        {!token ? (
          <Alert severity="error">{t("verify.noToken")}</Alert>
        ) : confirm.isSuccess ? (
          <Alert severity="success" role="status">
            {t("verify.done")}
          </Alert>
        ) : confirm.error ? (
          <Alert severity="error">{reason ? t(`verify.reason.${reason}`) : errorText(confirm.error)}</Alert>
        ) : (
          <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
            <CircularProgress size={24} aria-hidden />
            <Typography role="status">{t("verify.working")}</Typography>
          </Stack>
        )}
        {confirm.isSuccess || confirm.error || !token ? (
          <ButtonLink to="/" variant="contained" size="large">
            {t("verify.continue")}
          </ButtonLink>
        ) : null}
      </Stack>
    </AuthShell>
  );
}
