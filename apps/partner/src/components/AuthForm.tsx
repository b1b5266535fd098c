import { Button, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n.tsx";
import { TextLink } from "./links.tsx";

/**
 * The form of the signed-out screens (log in, sign up, forgotten and new password, invitation): one
 * column that submits without the browser's own validation (the API's field errors speak instead).
 */
export function AuthForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <Stack
      component="form"
      spacing={2.5}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </Stack>
  );
}

/** The form's one large button, off while the request is on its way (no double submits). */
export function SubmitButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <Button type="submit" variant="contained" size="large" disabled={pending}>
      {children}
    </Button>
  );
}

/** The footer of the password screens: back to logging in. */
export function BackToLogIn() {
  const { t } = useI18n();
  return (
    <>
      <Typography color="text.secondary">{t("forgot.remembered")}</Typography>
      <TextLink to="/login">{t("forgot.back")}</TextLink>
    </>
  );
}
