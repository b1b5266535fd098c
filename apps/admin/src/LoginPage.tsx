import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useLogin } from "react-admin";
import { useLang, useT } from "./i18n/index.tsx";
import { LanguageSwitch, LocalizedMui, useLocaleEffects } from "./i18n/LanguageSwitch.tsx";

const needsCode = (e: unknown) => (e as { code?: string } | null)?.code === "two_factor_required";

/**
 * Staff sign-in with email and password; the API sets the session cookie. With two-factor on, the
 * API answers the password with two_factor_required and the page asks for the code.
 */
export function LoginPage() {
  const login = useLogin();
  const t = useT();
  const lang = useLang();
  useLocaleEffects(t("sign_in"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Null until the API asks for a second factor.
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await login(code === null ? { email, password } : { email, password, code });
    } catch (err) {
      if (needsCode(err) && code === null) setCode("");
      // The error words load with the first error (they are not needed to show the page).
      else setError((await import("./i18n/errors.ts")).errorWords(err, lang));
    } finally {
      setPending(false);
    }
  };

  return (
    <LocalizedMui>
      <Box component="main" sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "grey.100", p: 2 }}>
        <Card sx={{ width: "100%", maxWidth: 420 }}>
          <CardContent>
            <Box sx={{ display: "flex", justifyContent: "flex-end" }}>
              <LanguageSwitch color="primary" />
            </Box>
            <Stack component="form" spacing={2} onSubmit={submit} aria-label={t("sign_in_title")}>
              <Typography variant="h5" component="h1">
                {t("app_title")}
              </Typography>
              <Typography color="text.secondary">{t("sign_in_lead")}</Typography>
              {error && <Alert severity="error">{error}</Alert>}
              {code !== null ? (
                <>
                  <Typography>{t("enter_code")}</Typography>
                  <TextField
                    label={t("verification_code")}
                    name="code"
                    autoComplete="one-time-code"
                    required
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    autoFocus
                  />
                </>
              ) : null}
              <TextField
                sx={code !== null ? { display: "none" } : undefined}
                label={t("email")}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus={code === null}
              />
              <TextField
                sx={code !== null ? { display: "none" } : undefined}
                label={t("password")}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <Button type="submit" variant="contained" size="large" disabled={pending}>
                {pending ? t("signing_in") : code !== null ? t("verify") : t("sign_in")}
              </Button>
            </Stack>
          </CardContent>
        </Card>
      </Box>
    </LocalizedMui>
  );
}
