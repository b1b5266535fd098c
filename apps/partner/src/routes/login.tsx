import { Alert, Button, Typography } from "@mui/material";
import { text } from "@shopreg/analytics-ui/search";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createFileRoute, redirect, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { AuthForm, SubmitButton } from "../components/AuthForm.tsx";
import { AuthShell } from "../components/AuthShell.tsx";
import { EmailField, FormField, PasswordField } from "../components/fields.tsx";
import { TextLink } from "../components/links.tsx";
import { client, data, isApiError } from "../lib/api.ts";
import { maybeSignedIn, safeRedirect } from "../lib/auth.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

export const Route = createFileRoute("/login")({
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({ redirect: text(s.redirect, 2000) }),
  beforeLoad: async ({ context, search }) => {
    if (maybeSignedIn() && (await context.auth.getSession())) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: LoginPage,
});

/** The API asks for the second factor by answering the password with this code. */
const needsCode = (e: unknown) => isApiError(e) && e.code === "two_factor_required";

function LoginPage() {
  const { t } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const search = Route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { auth } = Route.useRouteContext();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Set once the API asked for it: the same body goes again, with the code.
  const [code, setCode] = useState<string | null>(null);
  const login = useMutation({
    mutationFn: () => data(client.POST("/v1/session", { body: code === null ? { email, password } : { email, password, code } })),
    onSuccess: async (session) => {
      queryClient.clear();
      auth.setSession(session);
      await router.navigate({ href: safeRedirect(search.redirect), replace: true });
    },
    onError: (e) => {
      if (needsCode(e) && code === null) setCode("");
    },
  });
  const askingCode = code !== null;
  const fields = fieldErrors(login.error);
  const shownError = login.error && !needsCode(login.error) && !fields.email && !fields.password && !fields.code;
  return (
    <AuthShell
      title={t("login.title")}
      footer={
        <>
          <Typography color="text.secondary">{t("login.noAccount")}</Typography>
          <TextLink to="/signup" search={search.redirect ? { redirect: search.redirect } : {}}>
            {t("login.signUp")}
          </TextLink>
        </>
      }
    >
      <AuthForm onSubmit={() => login.mutate()}>
        {search.redirect && !askingCode ? <Alert severity="info">{t("login.expired")}</Alert> : null}
        {shownError ? <Alert severity="error">{errorText(login.error)}</Alert> : null}
        {askingCode ? (
          <>
            <Typography>{t("login.codeHelp")}</Typography>
            <FormField
              id="login-code"
              label={t("login.code")}
              value={code ?? ""}
              onChange={setCode}
              error={fields.code}
              required
              autoFocus
              slotProps={{ htmlInput: { autoComplete: "one-time-code", inputMode: "text", maxLength: 11 } }}
            />
            <SubmitButton pending={login.isPending}>{t("login.verify")}</SubmitButton>
            <Button
              onClick={() => {
                setCode(null);
                setPassword("");
                login.reset();
              }}
            >
              {t("common.back")}
            </Button>
          </>
        ) : (
          <>
            <EmailField
              id="login-email"
              label={t("login.email")}
              value={email}
              onChange={setEmail}
              error={fields.email}
              autoFocus
            />
            <PasswordField
              id="login-password"
              label={t("login.password")}
              value={password}
              onChange={setPassword}
              error={fields.password}
            />
            <TextLink to="/forgot-password" search={email ? { email } : {}} sx={{ alignSelf: "flex-end" }}>
              {t("login.forgot")}
            </TextLink>
            <SubmitButton pending={login.isPending}>{t("login.submit")}</SubmitButton>
          </>
        )}
      </AuthForm>
    </AuthShell>
  );
}
