import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useI18n } from "../../lib/i18n.tsx";
import { CopyButton } from "../copy.tsx";

/** The signing secret, shown once: closing the dialog forgets it (the API keeps only ciphertext). */
export function SecretDialog({ secret, rotated, onClose }: { secret: string | null; rotated?: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={secret !== null} aria-labelledby="webhook-secret-title" fullWidth maxWidth="sm">
      <DialogTitle id="webhook-secret-title">{t("webhooks.secretTitle")}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t("webhooks.secretWarning")}
          {rotated ? ` ${t("webhooks.secretRotated")}` : ""}
        </Alert>
        <Box
          data-testid="webhook-secret"
          sx={{ fontFamily: "monospace", p: 1.5, bgcolor: "grey.100", borderRadius: 1, wordBreak: "break-all", mb: 1.5 }}
        >
          {secret}
        </Box>
        {secret ? <CopyButton text={secret} variant="contained" /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("keys.done")}</Button>
      </DialogActions>
    </Dialog>
  );
}
