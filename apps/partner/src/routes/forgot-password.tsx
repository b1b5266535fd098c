import { Alert, Button, Stack, TextField, Typography } from "@mui/material";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { z } from "zod";
import { AuthShell } from "../components/AuthShell.tsx";
import { TextLink } from "../components/links.tsx";
import { client, data, fieldErrors } from "../lib/api.ts";
import { useI18n } from "../lib/i18n.tsx";

/** Asks for a reset link. The API answers the same whether or not the address has an account, and so do we. */
export const Route = createFileRoute("/forgot-password")({
  validateSearch: z.object({ email: z.string().max(320).optional().catch(undefined) }),
  component: ForgotPasswordPage,
});

function ForgotPasswordPage() {
  const { t } = useI18n();
  const search = Route.useSearch();
  const [email, setEmail] = useState(search.email ?? "");
  const ask = useMutation({
    mutationFn: () => data(client.POST("/v1/password-resets", { body: { email } })),
  });
  const fields = fieldErrors(ask.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <AuthShell
      title={t("forgot.title")}
      footer={
        <>
          <Typography color="text.secondary">{t("forgot.remembered")}</Typography>
          <TextLink to="/login">{t("forgot.back")}</TextLink>
        </>
      }
    >
      {ask.isSuccess ? (
        <Alert severity="success" role="status">
          {t("forgot.sent", { email: ask.data.email })}
        </Alert>
      ) : (
        <Stack component="form" spacing={2.5} onSubmit={onSubmit} noValidate>
          <Typography color="text.secondary">{t("forgot.intro")}</Typography>
          {ask.error && !fields.email ? <Alert severity="error">{ask.error.message}</Alert> : null}
          <TextField
            id="forgot-email"
            label={t("forgot.email")}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={Boolean(fields.email)}
            helperText={fields.email}
            required
            autoFocus
          />
          <Button type="submit" variant="contained" size="large" disabled={ask.isPending}>
            {t("forgot.submit")}
          </Button>
        </Stack>
      )}
    </AuthShell>
  );
}
