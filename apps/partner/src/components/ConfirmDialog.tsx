import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from "@mui/material";
import { type ReactNode, useId } from "react";
import { errorWords } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  error?: unknown;
  onConfirm(): void;
  onClose(): void;
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={`${id}-title`} fullWidth maxWidth="xs">
      <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{props.body}</DialogContentText>
        {props.children}
        {props.error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorWords(props.error, lang)}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={props.pending}>
          {t("common.cancel")}
        </Button>
        <Button variant="contained" color={props.danger ? "error" : "primary"} onClick={props.onConfirm} disabled={props.pending}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
