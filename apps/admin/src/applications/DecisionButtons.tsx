import BlockIcon from "@mui/icons-material/Block";
import CheckIcon from "@mui/icons-material/Check";
import CloseIcon from "@mui/icons-material/Close";
import HelpOutlineIcon from "@mui/icons-material/HelpOutline";
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from "@mui/material";
import type { StaffRole } from "@shopreg/domain";
import { type ReactNode, useId, useState } from "react";
import { useNotify, usePermissions, useRecordContext, useRefresh, useUpdate } from "react-admin";
import { roleCan } from "../authProvider.ts";
import { ACTION_TARGET, type ReviewAction } from "../dataProvider.ts";

type Decision = {
  action: ReviewAction;
  /** The name of the action in allowed_actions and in the role rules. */
  key: string;
  label: string;
  title: string;
  text: string;
  done: string;
  needsReason: boolean;
  color: "success" | "error" | "warning";
  icon: ReactNode;
};

export const DECISIONS: Decision[] = [
  {
    action: "approve",
    key: "approve",
    label: "Approve",
    title: "Approve this application?",
    text: "The partner can then create and publish a service in this category and market.",
    done: "Application approved",
    needsReason: false,
    color: "success",
    icon: <CheckIcon />,
  },
  {
    action: "request-info",
    key: "request_info",
    label: "Request info",
    title: "Ask the partner for more information?",
    text: "The application goes back to the partner, who can edit it and resubmit. Tell them what is missing.",
    done: "More information requested",
    needsReason: true,
    color: "warning",
    icon: <HelpOutlineIcon />,
  },
  {
    action: "reject",
    key: "reject",
    label: "Reject",
    title: "Reject this application?",
    text: "The partner sees your reason. They can apply again with a new application.",
    done: "Application rejected",
    needsReason: true,
    color: "error",
    icon: <CloseIcon />,
  },
  {
    action: "revoke",
    key: "revoke",
    label: "Revoke",
    title: "Revoke this approval?",
    text: "The partner's services in this category and market are turned Off at once, and their referral links stop sending sellers to them.",
    done: "Approval revoked; the partner's services in this category and market are Off",
    needsReason: true,
    color: "error",
    icon: <BlockIcon />,
  },
];

type ApplicationRecord = { id: string; status: string; allowed_actions: string[]; decision_reason: string | null };

/** The decisions the signed-in role may take on this application in its current state. */
export function DecisionButtons() {
  const record = useRecordContext<ApplicationRecord>();
  const { permissions } = usePermissions<StaffRole>();
  if (!record) return null;
  const visible = DECISIONS.filter(
    (d) => roleCan(permissions, d.key, "applications") && (record.allowed_actions ?? []).includes(d.key),
  );
  if (visible.length === 0) return null;
  return (
    <Stack direction="row" spacing={1}>
      {visible.map((d) => (
        <DecisionButton key={d.action} decision={d} record={record} />
      ))}
    </Stack>
  );
}

function DecisionButton({ decision, record }: { decision: Decision; record: ApplicationRecord }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();
  const reasonError = decision.needsReason && reason.trim().length < 3 ? "Give a reason (at least 3 characters)." : "";

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
          status: ACTION_TARGET[decision.action],
          decision_reason: decision.needsReason ? trimmed : null,
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
          <DialogContentText sx={{ mb: decision.needsReason ? 2 : 0 }}>{decision.text}</DialogContentText>
          {decision.needsReason && (
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
              slotProps={{ htmlInput: { maxLength: 2000 } }}
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
