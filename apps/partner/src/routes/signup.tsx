import { Alert, Checkbox, Divider, FormControlLabel, FormHelperText, Stack, TextField, Typography } from "@mui/material";
import { text } from "@shopreg/analytics-ui/search";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createFileRoute, redirect, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { AuthForm, SubmitButton } from "../components/AuthForm.tsx";
import { AuthShell } from "../components/AuthShell.tsx";
import { TextLink } from "../components/links.tsx";
import { RegionSelect } from "../components/RegionSelect.tsx";
import { client, data } from "../lib/api.ts";
import { maybeSignedIn, safeRedirect } from "../lib/auth.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

export const Route = createFileRoute("/signup")({
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({ redirect: text(s.redirect, 2000) }),
  beforeLoad: async ({ context, search }) => {
    if (maybeSignedIn() && (await context.auth.getSession())) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: SignUpPage,
});

const empty = {
  company_name: "",
  registration_region: "",
  company_registration_region: "",
  contact_name: "",
  contact_email: "",
  contact_phone: "",
  password: "",
  apply_for_shop_registration: true,
};

function SignUpPage() {
  const { t, lang } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { auth } = Route.useRouteContext();
  const [form, setForm] = useState(empty);
  const isUS = form.company_registration_region === "US";
  const set = <K extends keyof typeof empty>(k: K, v: (typeof empty)[K]) => setForm((f) => ({ ...f, [k]: v }));
  // Sign-up answers the same for every address and signs nobody in; the person signs in with the
  // password just chosen. If that fails the address had an account: the mail says what to do.
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const signUp = useMutation({
    mutationFn: async () => {
      const { contact_phone, apply_for_shop_registration, ...rest } = form;
      // The sign-up shortcut is for U.S. companies only (the seed's guide; the API refuses it for others).
      const body = {
        ...rest,
        apply_for_shop_registration: isUS && apply_for_shop_registration,
        locale: lang === "zh" ? ("zh-CN" as const) : ("en" as const),
      };
      const accepted = await data(
        client.POST("/v1/partners", { body: contact_phone.trim() ? { ...body, contact_phone } : body }),
      );
      const { data: session } = await client.POST("/v1/session", {
        body: { email: form.contact_email, password: form.password },
      });
      return { accepted, session };
    },
    onSuccess: async ({ accepted, session }) => {
      if (!session) {
        setCheckEmail(accepted.email);
        return;
      }
      queryClient.clear();
      auth.setSession(session);
      // "Shop registration" picked at sign-up is the same application as applying later: go fill it out.
      const { data: apps } = await client.GET("/v1/applications");
      const draft = apps?.data.find((a) => a.status === "DRAFT");
      if (draft) await router.navigate({ to: "/applications/$applicationId", params: { applicationId: draft.id } });
      else await router.navigate({ to: "/profile" });
    },
  });
  const errors = fieldErrors(signUp.error);
  const field = (name: keyof typeof empty) => ({
    id: `signup-${name}`,
    name,
    error: Boolean(errors[name]),
    helperText: errors[name],
    fullWidth: true,
  });
  if (checkEmail) {
    return (
      <AuthShell title={t("signup.checkEmailTitle")} footer={null}>
        <Stack spacing={2.5}>
          <Alert severity="info" role="status">
            {t("signup.checkEmail", { email: checkEmail })}
          </Alert>
          <TextLink to="/login">{t("signup.logIn")}</TextLink>
        </Stack>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title={t("signup.title")}
      footer={
        <>
          <Typography color="text.secondary">{t("signup.haveAccount")}</Typography>
          <TextLink to="/login">{t("signup.logIn")}</TextLink>
        </>
      }
    >
      <AuthForm onSubmit={() => signUp.mutate()}>
        {signUp.error ? (
          <Alert severity="error">{Object.keys(errors).length ? t("common.fixFields") : errorText(signUp.error)}</Alert>
        ) : null}
        <Typography variant="h2">{t("signup.company")}</Typography>
        <TextField
          {...field("company_name")}
          label={t("signup.companyName")}
          value={form.company_name}
          onChange={(e) => set("company_name", e.target.value)}
          required
          autoComplete="organization"
        />
        <RegionSelect
          id="signup-registration_region"
          label={t("signup.registrationRegion")}
          value={form.registration_region}
          onChange={(v) => set("registration_region", v)}
          error={errors.registration_region}
          required
        />
        <RegionSelect
          id="signup-company_registration_region"
          label={t("signup.companyRegistrationRegion")}
          value={form.company_registration_region}
          onChange={(v) => set("company_registration_region", v)}
          error={errors.company_registration_region}
          required
        />
        <Alert severity="info">{t("signup.regionsFixed")}</Alert>
        <Divider />
        <Typography variant="h2">{t("signup.contact")}</Typography>
        <TextField
          {...field("contact_name")}
          label={t("signup.contactName")}
          value={form.contact_name}
          onChange={(e) => set("contact_name", e.target.value)}
          required
          autoComplete="name"
        />
        <TextField
          {...field("contact_email")}
          label={t("signup.contactEmail")}
          type="email"
          value={form.contact_email}
          onChange={(e) => set("contact_email", e.target.value)}
          required
          autoComplete="email"
        />
        <TextField
          {...field("contact_phone")}
          label={t("signup.contactPhone")}
          type="tel"
          value={form.contact_phone}
          onChange={(e) => set("contact_phone", e.target.value)}
          autoComplete="tel"
        />
        <TextField
          {...field("password")}
          label={t("signup.password")}
          type="password"
          value={form.password}
          onChange={(e) => set("password", e.target.value)}
          helperText={errors.password ?? t("signup.passwordHelp")}
          required
          autoComplete="new-password"
        />
        <Divider />
        <Typography variant="h2">{t("signup.category")}</Typography>
        {form.company_registration_region && !isUS ? <Alert severity="info">{t("signup.nonUsApplyLater")}</Alert> : null}
        <div hidden={!isUS}>
          <FormControlLabel
            control={
              <Checkbox
                id="signup-apply"
                checked={form.apply_for_shop_registration}
                onChange={(e) => set("apply_for_shop_registration", e.target.checked)}
              />
            }
            label={t("signup.pickShopRegistration")}
          />
          <FormHelperText sx={{ ml: 4 }}>{t("signup.pickShopRegistrationHelp")}</FormHelperText>
        </div>
        <SubmitButton pending={signUp.isPending}>{t("signup.submit")}</SubmitButton>
      </AuthForm>
    </AuthShell>
  );
}
