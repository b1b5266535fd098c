import { Alert, Checkbox, FormControlLabel, Typography } from "@mui/material";
import { text } from "@shopreg/analytics-ui/search";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createFileRoute, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { AuthForm, SubmitButton } from "../components/AuthForm.tsx";
import { AuthShell } from "../components/AuthShell.tsx";
import { FormField, PasswordField } from "../components/fields.tsx";
import { TextLink } from "../components/links.tsx";
import { client, data, refusalReason } from "../lib/api.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

/** The link in the invitation email: /accept-invitation?token=... */
export const Route = createFileRoute("/accept-invitation")({
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: text(s.token, 200, { min: 20 }) }),
  component: AcceptInvitationPage,
});

function AcceptInvitationPage() {
  const { t } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const { token } = Route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { auth } = Route.useRouteContext();
  // The API tells a new address from a known one; the person says which they are.
  const [existing, setExisting] = useState(false);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const accept = useMutation({
    mutationFn: (tok: string) =>
      data(
        client.POST("/v1/invitations/accept", {
          body: existing ? { token: tok, password } : { token: tok, name, password },
        }),
      ),
    onSuccess: async (session) => {
      queryClient.clear();
      auth.setSession(session);
      await router.navigate({ to: "/", replace: true });
    },
  });
  const fields = fieldErrors(accept.error);
  const reason = refusalReason(accept.error);
  const footer = (
    <>
      <Typography color="text.secondary">{t("invite.haveAccess")}</Typography>
      <TextLink to="/login">{t("signup.logIn")}</TextLink>
    </>
  );
  if (!token) {
    return (
      <AuthShell title={t("invite.title")} footer={footer}>
        <Alert severity="error">{t("invite.noToken")}</Alert>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={t("invite.title")} footer={footer}>
      <AuthForm onSubmit={() => accept.mutate(token)}>
        <Typography color="text.secondary">{t("invite.intro")}</Typography>
        {accept.error && !fields.name && !fields.password ? (
          <Alert severity="error">
            {reason === "expired" || reason === "revoked" || reason === "accepted" || reason === "unknown"
              ? t(`invite.reason.${reason}`)
              : errorText(accept.error)}
          </Alert>
        ) : null}
        <FormControlLabel
          control={<Checkbox checked={existing} onChange={(e) => setExisting(e.target.checked)} />}
          label={t("invite.existing")}
        />
        {existing ? null : (
          <FormField
            id="invite-name"
            label={t("invite.name")}
            autoComplete="name"
            value={name}
            onChange={setName}
            error={fields.name}
          />
        )}
        <PasswordField
          id="invite-password"
          label={existing ? t("invite.yourPassword") : t("invite.newPassword")}
          autoComplete={existing ? "current-password" : "new-password"}
          value={password}
          onChange={setPassword}
          error={fields.password}
          help={existing ? undefined : t("account.passwordHelp")}
        />
        <SubmitButton pending={accept.isPending}>{t("invite.join")}</SubmitButton>
      </AuthForm>
    </AuthShell>
  );
}
