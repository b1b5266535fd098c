import { Alert, CircularProgress, Stack, Typography } from "@mui/material";
import { text } from "@shopreg/analytics-ui/search";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useState } from "react";
import { AuthForm, BackToLogIn, SubmitButton } from "../components/AuthForm.tsx";
import { AuthShell } from "../components/AuthShell.tsx";
import { PasswordField } from "../components/fields.tsx";
import { ButtonLink } from "../components/links.tsx";
import { client, data, refusalReason } from "../lib/api.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";
import { sessionQuery } from "../lib/queries.ts";

/** The link in the reset email: /reset-password?token=... */
export const Route = createFileRoute("/reset-password")({
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: text(s.token, 200, { min: 20 }) }),
  component: ResetPasswordPage,
});

const REASONS = ["expired", "used", "unknown"] as const;

function ResetPasswordPage() {
  const { t } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const { token } = Route.useSearch();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: (tok: string) => data(client.POST("/v1/password-resets/confirm", { body: { token: tok, password } })),
    onSuccess: () => {
      // Every session ended, this browser's too.
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, null);
    },
  });
  // Asked before the form: a used or expired link says so at once, not after the password is typed twice.
  const link = useQuery({
    queryKey: ["password-reset-link", token],
    queryFn: () => data(client.POST("/v1/password-resets/check", { body: { token: token! } })),
    enabled: Boolean(token) && !reset.isSuccess,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const fields = fieldErrors(reset.error);
  const reason = REASONS.find((r) => r === (refusalReason(reset.error) ?? link.data?.reason));
  const onSubmit = () => {
    setMismatch(password !== again);
    if (token && password === again) reset.mutate(token);
  };
  const askAgain = (
    <ButtonLink to="/forgot-password" variant="outlined">
      {t("reset.askAgain")}
    </ButtonLink>
  );
  const footer = <BackToLogIn />;
  if (!token) {
    return (
      <AuthShell title={t("reset.title")} footer={footer}>
        <Stack spacing={2.5}>
          <Alert severity="error">{t("reset.noToken")}</Alert>
          {askAgain}
        </Stack>
      </AuthShell>
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthShell title={t("reset.title")} footer={null}>
        <Stack spacing={2.5}>
          <Alert severity="success" role="status">
            {t("reset.done")}
          </Alert>
          <ButtonLink to="/login" variant="contained" size="large">
            {t("reset.logIn")}
          </ButtonLink>
        </Stack>
      </AuthShell>
    );
  }
  if (link.isPending) {
    return (
      <AuthShell title={t("reset.title")} footer={footer}>
        <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
          <CircularProgress size={24} aria-hidden />
          <Typography role="status">{t("reset.checking")}</Typography>
        </Stack>
      </AuthShell>
    );
  }
  if (link.data?.valid === false && reason) {
    return (
      <AuthShell title={t("reset.title")} footer={footer}>
        <Stack spacing={2.5}>
          <Alert severity="error">{t(`reset.reason.${reason}`)}</Alert>
          {askAgain}
        </Stack>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={t("reset.title")} footer={footer}>
      <AuthForm onSubmit={onSubmit}>
        <Typography color="text.secondary">{t("reset.intro")}</Typography>
        {reason ? (
          <>
            <Alert severity="error">{t(`reset.reason.${reason}`)}</Alert>
            {askAgain}
          </>
        ) : reset.error && !fields.password ? (
          <Alert severity="error">{errorText(reset.error)}</Alert>
        ) : null}
        <PasswordField
          id="reset-password"
          label={t("reset.password")}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={fields.password}
          help={t("signup.passwordHelp")}
          autoFocus
        />
        <PasswordField
          id="reset-password-again"
          label={t("reset.confirm")}
          autoComplete="new-password"
          value={again}
          onChange={setAgain}
          error={mismatch ? t("reset.mismatch") : undefined}
        />
        <SubmitButton pending={reset.isPending || Boolean(reason)}>{t("reset.submit")}</SubmitButton>
      </AuthForm>
    </AuthShell>
  );
}
