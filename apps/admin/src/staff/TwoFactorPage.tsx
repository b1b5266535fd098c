import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { useMutation, useQuery } from "@tanstack/react-query";
import { QRCodeSVG } from "qrcode.react";
import { type FormEvent, useState } from "react";
import { useLogout, useRedirect } from "react-admin";
import { apiFetch } from "../api.ts";

export { TWO_FACTOR_PATH } from "./paths.ts";

type Status = { enabled: boolean; enabled_at: string | null; recovery_codes_left: number; required: boolean };
type Enrolment = { otpauth_uri: string; secret: string };

/**
 * Staff two-factor enrolment. An admin without it is sent here (the API answers everything else with
 * 403 two_factor_enrolment_required): scan, confirm with a code, keep the recovery codes, continue.
 */
export function TwoFactorPage() {
  const redirect = useRedirect();
  const logout = useLogout();
  const status = useQuery({ queryKey: ["staff-two-factor"], queryFn: () => apiFetch<Status>("/staff/me/two-factor") });
  // The secret and the recovery codes are shown once and kept only in this state.
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const start = useMutation({
    mutationFn: () => apiFetch<Enrolment>("/staff/me/two-factor", { method: "POST" }),
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: () => apiFetch<{ recovery_codes: string[] }>("/staff/me/two-factor/confirm", { method: "POST", body: { code } }),
    onSuccess: (r) => {
      setEnrolment(null);
      setCodes(r.recovery_codes);
    },
  });
  const onConfirm = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  const enabled = status.data?.enabled || codes !== null;
  return (
    <Box component="main" sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "grey.100", p: 2 }}>
      <Card sx={{ width: "100%", maxWidth: 520 }}>
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              Two-factor authentication
            </Typography>
            {status.data?.required && !enabled ? (
              <Alert severity="warning">Staff admins must turn on two-factor authentication before they can act.</Alert>
            ) : null}
            {status.error ? <Alert severity="error">{status.error.message}</Alert> : null}
            {codes ? (
              <>
                <Alert severity="success">
                  Two-factor is on. Keep these recovery codes somewhere safe: each signs you in once if you lose your
                  authenticator. They are shown only now.
                </Alert>
                <Box component="ul" data-testid="recovery-codes" sx={{ fontFamily: "monospace", columns: 2, pl: 3, m: 0 }}>
                  {codes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </Box>
                <Button variant="contained" onClick={() => redirect("/")}>
                  Continue to the dashboard
                </Button>
              </>
            ) : enabled ? (
              <>
                <Alert severity="success">Two-factor is on for your account.</Alert>
                <Button variant="contained" onClick={() => redirect("/")}>
                  Continue to the dashboard
                </Button>
              </>
            ) : enrolment ? (
              <Stack component="form" spacing={2} onSubmit={onConfirm} aria-label="Confirm two-factor" noValidate>
                <Typography>Scan this QR code with your authenticator app, then enter the 6-digit code it shows.</Typography>
                <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", alignSelf: "flex-start" }}>
                  <QRCodeSVG
                    value={enrolment.otpauth_uri}
                    size={176}
                    marginSize={2}
                    role="img"
                    aria-label="QR code for your authenticator app"
                  />
                </Box>
                <Typography variant="body2" color="text.secondary">
                  Cannot scan? Type this key:{" "}
                  <Box component="span" data-testid="totp-secret" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
                    {enrolment.secret}
                  </Box>
                </Typography>
                <TextField
                  label="6-digit code"
                  name="code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 } }}
                  required
                />
                {confirm.error ? <Alert severity="error">{confirm.error.message}</Alert> : null}
                <Button type="submit" variant="contained" disabled={confirm.isPending}>
                  Turn on two-factor
                </Button>
              </Stack>
            ) : (
              <>
                <Typography>Signing in will ask for a code from an authenticator app after your password.</Typography>
                {start.error ? <Alert severity="error">{start.error.message}</Alert> : null}
                <Button variant="contained" onClick={() => start.mutate()} disabled={start.isPending || status.isPending}>
                  Set up two-factor
                </Button>
              </>
            )}
            <Button onClick={() => logout()}>Sign out</Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
