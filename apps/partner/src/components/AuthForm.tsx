import { Button, Stack, TextField, type TextFieldProps, Typography } from "@mui/material";
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

type FieldProps = Omit<TextFieldProps, "value" | "onChange" | "error" | "helperText"> & {
  value: string;
  onChange: (value: string) => void;
  /** The API's message for this field (fieldErrors), shown instead of `help`. */
  error?: string | undefined;
  help?: string | undefined;
};

/** A required text field bound to its state and to its error. */
export function FormField({ onChange, error, help, ...props }: FieldProps) {
  return (
    <TextField {...props} onChange={(e) => onChange(e.target.value)} error={Boolean(error)} helperText={error ?? help} required />
  );
}

/** The address one signs in with (the browser offers the saved one). */
export const EmailField = (props: FieldProps) => <FormField type="email" autoComplete="username" {...props} />;

/** A password: the current one by default, or `autoComplete="new-password"` for a new one. */
export const PasswordField = (props: FieldProps) => <FormField type="password" autoComplete="current-password" {...props} />;

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
