import { Alert, Typography } from "@mui/material";
import { text } from "@shopreg/analytics-ui/search";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useState } from "react";
import { AuthForm, BackToLogIn, SubmitButton } from "../components/AuthForm.tsx";
import { AuthShell } from "../components/AuthShell.tsx";
import { EmailField } from "../components/fields.tsx";
import { client, data } from "../lib/api.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

/** Asks for a reset link. The API answers the same whether or not the address has an account, and so do we. */
export const Route = createFileRoute("/forgot-password")({
  validateSearch: (s: Record<string, unknown>): { email?: string } => ({ email: text(s.email, 320) }),
  component: ForgotPasswordPage,
});

function ForgotPasswordPage() {
  const { t } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const search = Route.useSearch();
  const [email, setEmail] = useState(search.email ?? "");
  const ask = useMutation({
    mutationFn: () => data(client.POST("/v1/password-resets", { body: { email } })),
  });
  const fields = fieldErrors(ask.error);
  return (
    <AuthShell title={t("forgot.title")} footer={<BackToLogIn />}>
      {ask.isSuccess ? (
        <Alert severity="success" role="status">
          {t("forgot.sent", { email: ask.data.email })}
        </Alert>
      ) : (
        <AuthForm onSubmit={() => ask.mutate()}>
          <Typography color="text.secondary">{t("forgot.intro")}</Typography>
          {ask.error && !fields.email ? <Alert severity="error">{errorText(ask.error)}</Alert> : null}
          <EmailField
            id="forgot-email"
            label={t("forgot.email")}
            value={email}
            onChange={setEmail}
            error={fields.email}
            autoFocus
          />
          <SubmitButton pending={ask.isPending}>{t("forgot.submit")}</SubmitButton>
        </AuthForm>
      )}
    </AuthShell>
  );
}
