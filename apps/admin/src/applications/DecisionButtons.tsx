import CheckIcon from "@mui/icons-material/Check";
import CloseIcon from "@mui/icons-material/Close";
import HelpOutlineIcon from "@mui/icons-material/HelpOutline";
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from "@mui/material";
import {
  APPLICATION_ACTION_WORDS,
  applicationActionTarget,
  type Lang,
  REASON_MAX_LENGTH,
  REVIEW_ACTIONS,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from "@shopreg/domain";
import type { components } from "@shopreg/sdk";
import { type ReactNode, useId, useState } from "react";
import { useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import { errorWords } from "../i18n/errors.ts";
import { useLang, useT } from "../i18n/index.tsx";
import { decide } from "./decide.ts";

type AllowedAction = components["schemas"]["AllowedAction"];
type Application = components["schemas"]["Application"];

/** A decision's look follows its tone in the catalogue: no per-action table to keep in step. */
const LOOK: Record<ReviewDecision["tone"], { color: "success" | "error" | "warning"; icon: ReactNode; order: number }> = {
  positive: { color: "success", icon: <CheckIcon />, order: 0 },
  caution: { color: "warning", icon: <HelpOutlineIcon />, order: 1 },
  negative: { color: "error", icon: <CloseIcon />, order: 2 },
};

/** The staff decisions of the machine (REVIEW_DECISIONS), as buttons in a language: positive first, negative last. */
export const decisionsIn = (lang: Lang) =>
  REVIEW_ACTIONS.map((action) => {
    const d: ReviewDecision = REVIEW_DECISIONS[action];
    return {
      action,
      label: APPLICATION_ACTION_WORDS[action].verb[lang],
      title: d.title[lang],
      text: d.text[lang],
      done: d.done[lang],
      ...LOOK[d.tone],
    };
  }).sort((a, b) => a.order - b.order);
export const DECISIONS = decisionsIn("en");
type Decision = ReturnType<typeof decisionsIn>[number];

type ApplicationRecord = Pick<Application, "id" | "status" | "allowed_actions" | "decision_reason">;

/** The decisions the API allows the signed-in role on this application in its current state (allowed_actions). */
export function DecisionButtons() {
  const record = useRecordContext<ApplicationRecord>();
  const lang = useLang();
  if (!record) return null;
  const visible = decisionsIn(lang).flatMap((d) => {
    const allowed = (record.allowed_actions ?? []).find((a) => a.action === d.action);
    return allowed ? [{ decision: d, allowed }] : [];
  });
  if (visible.length === 0) return null;
  return (
    <Stack direction="row" spacing={1}>
      {visible.map(({ decision, allowed }) => (
        <DecisionButton key={decision.action} decision={decision} allowed={allowed} record={record} />
      ))}
    </Stack>
  );
}

function DecisionButton({
  decision,
  allowed,
  record,
}: {
  decision: Decision;
  allowed: AllowedAction;
  record: ApplicationRecord;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  // Optimistic through react-admin's cache, sent by decide() (the operation derived from the machine's row).
  const [update, { isPending }] = useUpdate<ApplicationRecord>("applications", undefined, {
    mutationFn: async (params) =>
      decide(String(record.id), decision.action, (params.data?.decision_reason as string | null | undefined) ?? null),
  });
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();
  const t = useT();
  const needsReason = allowed.reason_required;
  const minLength = allowed.reason_min_length ?? 0;
  const reasonError = needsReason && reason.trim().length < minLength ? t("give_reason", { min: minLength }) : "";

  const confirm = () => {
    setTouched(true);
    if (reasonError) return;
    setOpen(false);
    const trimmed = reason.trim();
    update(
      "applications",
      {
        id: record.id,
        // Shown at once; react-admin puts the previous record back if the API refuses.
        data: {
          status: applicationActionTarget(record.status, decision.action) ?? record.status,
          decision_reason: needsReason ? trimmed : null,
          allowed_actions: [],
        },
        previousData: record,
      },
      {
        mutationMode: "optimistic",
        onError: (error) => notify(errorWords(error), { type: "error" }),
        // Confirm only once the API agreed; then fetch the application again for its new history entry.
        onSettled: (_data, error) => {
          if (!error) notify(decision.done, { type: "success" });
          refresh();
        },
      },
    );
    setReason("");
    setTouched(false);
  };

  return (
    <>
      <Button
        variant="contained"
        color={decision.color}
        startIcon={decision.icon}
        disabled={isPending}
        onClick={() => setOpen(true)}
      >
        {decision.label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{decision.title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: needsReason ? 2 : 0 }}>{decision.text}</DialogContentText>
          {needsReason && (
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={3}
              label={t("reason_for_partner")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onBlur={() => setTouched(true)}
              error={touched && !!reasonError}
              helperText={touched && reasonError ? reasonError : " "}
              slotProps={{ htmlInput: { maxLength: REASON_MAX_LENGTH } }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
          <Button variant="contained" color={decision.color} onClick={confirm}>
            {t("confirm_action", { action: decision.label })}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
