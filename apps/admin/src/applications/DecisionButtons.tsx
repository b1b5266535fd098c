import BlockIcon from "@mui/icons-material/Block";
import CheckIcon from "@mui/icons-material/Check";
import CloseIcon from "@mui/icons-material/Close";
import HelpOutlineIcon from "@mui/icons-material/HelpOutline";
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from "@mui/material";
import { applicationActionTarget, REASON_MAX_LENGTH } from "@shopreg/domain";
import type { components } from "@shopreg/sdk";
import { type ReactNode, useId, useState } from "react";
import { useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import type { ReviewAction } from "../dataProvider.ts";

type AllowedAction = components["schemas"]["AllowedAction"];
type Application = components["schemas"]["Application"];

/** How the dashboard words a decision. Who may take it, and what its reason needs, come from the API. */
type Decision = {
  action: ReviewAction;
  label: string;
  title: string;
  text: string;
  done: string;
  color: "success" | "error" | "warning";
  icon: ReactNode;
};

export const DECISIONS: Decision[] = [
  {
    action: "approve",
    label: "Approve",
    title: "Approve this application?",
    text: "The partner can then create and publish a service in this category and market.",
    done: "Application approved",
    color: "success",
    icon: <CheckIcon />,
  },
  {
    action: "request_info",
    label: "Request info",
    title: "Ask the partner for more information?",
    text: "The application goes back to the partner, who can edit it and resubmit. Tell them what is missing.",
    done: "More information requested",
    color: "warning",
    icon: <HelpOutlineIcon />,
  },
  {
    action: "reject",
    label: "Reject",
    title: "Reject this application?",
    text: "The partner sees your reason. They can apply again with a new application.",
    done: "Application rejected",
    color: "error",
    icon: <CloseIcon />,
  },
  {
    action: "revoke",
    label: "Revoke",
    title: "Revoke this approval?",
    text: "The partner's services in this category and market are turned Off at once, and their referral links stop sending sellers to them.",
    done: "Approval revoked; the partner's services in this category and market are Off",
    color: "error",
    icon: <BlockIcon />,
  },
];

type ApplicationRecord = Pick<Application, "id" | "status" | "allowed_actions" | "decision_reason">;

/** The decisions the API allows the signed-in role on this application in its current state (allowed_actions). */
export function DecisionButtons() {
  const record = useRecordContext<ApplicationRecord>();
  if (!record) return null;
  const visible = DECISIONS.flatMap((d) => {
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
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();
  const needsReason = allowed.reason_required;
  const minLength = allowed.reason_min_length ?? 0;
  const reasonError = needsReason && reason.trim().length < minLength ? `Give a reason (at least ${minLength} characters).` : "";

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
          // The decision itself: the data provider sends it, it does not infer it from the status.
          decision: decision.action,
          status: applicationActionTarget(record.status, decision.action) ?? record.status,
          decision_reason: needsReason ? trimmed : null,
          allowed_actions: [],
        },
        previousData: record,
      },
      {
        mutationMode: "optimistic",
        onError: (error) => notify(error instanceof Error ? error.message : "The decision was not saved.", { type: "error" }),
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
              label="Reason (the partner sees it)"
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
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" color={decision.color} onClick={confirm}>
            Confirm: {decision.label}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
