import { Box, Container, Paper, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

/** The frame of the login and sign-up pages. */
export function AuthShell({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  const { t } = useI18n();
  return (
    <Box sx={{ minHeight: "100vh", bgcolor: "background.default" }}>
      <Box
        component="header"
        sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", px: { xs: 2, sm: 4 }, py: 2 }}
      >
        <Typography component="p" sx={{ fontWeight: 700 }}>
          {t("app.subtitle")} · {t("app.title")}
        </Typography>
        <LanguageSwitch />
      </Box>
      <Container component="main" maxWidth="sm" sx={{ pb: 6 }}>
        <Paper sx={{ p: { xs: 2.5, sm: 4 } }}>
          <Typography variant="h1" sx={{ mb: 3 }}>
            {title}
          </Typography>
          {children}
        </Paper>
        <Stack direction="row" spacing={1} sx={{ justifyContent: "center", mt: 2 }}>
          {footer}
        </Stack>
      </Container>
    </Box>
  );
}
