import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from "@mui/material";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { client, data } from "../../lib/api.ts";
import { useApiErrors } from "../../lib/errors.ts";
import type { StatementLine } from "./api.ts";
import { useIncentiveI18n } from "./words.ts";

const MIN_MESSAGE = 10;

/** Disputes one statement line: a message (what is wrong) and, optionally, the partner's own reference for the seller. */
export function DisputeDialog({ line, onClose }: { line: StatementLine; onClose(): void }) {
  const { t } = useIncentiveI18n();
  const { fieldErrors: fieldErrorsOf } = useApiErrors();
  const id = useId();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const [reference, setReference] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      data(
        client.POST("/v1/incentives/disputes", {
          body: { line_id: line.id, message: message.trim(), seller_reference: reference.trim() || undefined },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["incentives", "disputes"] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Said here in the reader's language; the API checks the same and its words are the fallback.
    if (message.trim().length < MIN_MESSAGE) return setTooShort(true);
    setTooShort(false);
    mutation.mutate();
  };
  const fields = fieldErrorsOf(mutation.error);
  const general = mutation.error && Object.keys(fields).length === 0 ? mutation.error : null;
  return (
    <Dialog open onClose={onClose} aria-labelledby={`${id}-title`} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>{t("incentives.dispute.title", { seller: line.seller_id ?? line.id })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>{t("incentives.dispute.help")}</DialogContentText>
            <TextField
              id="dispute-message"
              label={t("incentives.dispute.message")}
              required
              multiline
              minRows={3}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              error={tooShort || Boolean(fields.message)}
              helperText={
                tooShort ? t("incentives.dispute.messageTooShort") : (fields.message ?? t("incentives.dispute.messageHelp"))
              }
              fullWidth
            />
            <TextField
              id="dispute-reference"
              label={t("incentives.dispute.reference")}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              error={Boolean(fields.seller_reference)}
              helperText={fields.seller_reference ?? t("incentives.dispute.referenceHelp")}
              fullWidth
            />
            {general ? (
              <Alert severity="error" role="alert">
                {t("incentives.dispute.failed")}
              </Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="submit" variant="contained" loading={mutation.isPending}>
            {t("incentives.dispute.submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
