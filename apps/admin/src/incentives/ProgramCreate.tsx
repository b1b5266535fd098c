import {
  Alert,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Divider,
  Stack,
  TextField,
} from "@mui/material";
import { fieldErrors } from "@shopreg/web-api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Title, useCreatePath, useNotify, useRedirect } from "react-admin";
import { api, data } from "./api.ts";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { emptyDraft, RulesForm, toRules } from "./RulesForm.tsx";

/** A new program (version 1): names in both languages, the rules, a preview, then publish (confirmed). */
export function ProgramCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [nameZh, setNameZh] = useState("");
  const [draft, setDraft] = useState(emptyDraft);
  const [ruleErrors, setRuleErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      data(
        api.POST("/v1/staff/incentive-programs", { body: { name: name.trim(), name_zh: nameZh.trim(), rules: toRules(draft) } }),
      ),
    onMutate: () => setRuleErrors({}),
    onSuccess: async (program) => {
      await queryClient.invalidateQueries({ queryKey: ["incentive-programs"] });
      notify(`Program “${program.name}” published; statements are computed for its partners.`, { type: "success" });
      redirect(createPath({ resource: "incentive-programs", id: program.id, type: "show" }));
    },
    onError: (e) => {
      setConfirming(false);
      setRuleErrors(fieldErrors(e, "rules"));
    },
  });
  const top = fieldErrors(create.error);
  const general = create.error && Object.keys(top).length === 0 ? create.error : null;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="New incentive program" />
      <CardContent>
        <Stack spacing={3} component="form" aria-label="New incentive program" onSubmit={(e) => e.preventDefault()} noValidate>
          <Stack direction={{ xs: "column", md: "row" }} spacing={2}>
            <TextField
              id="program-name"
              label="Name (English)"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={Boolean(top.name)}
              helperText={top.name}
              required
              fullWidth
            />
            <TextField
              id="program-name-zh"
              label="Name (简体中文)"
              value={nameZh}
              onChange={(e) => setNameZh(e.target.value)}
              error={Boolean(top.name_zh)}
              helperText={top.name_zh}
              required
              fullWidth
            />
          </Stack>
          <RulesForm draft={draft} onChange={setDraft} errors={ruleErrors} />
          <Divider />
          <PreviewPanel rules={() => toRules(draft)} onErrors={setRuleErrors} />
          <Divider />
          {general ? <Alert severity="error">{general.message}</Alert> : null}
          {Object.keys(top).length > 0 ? <Alert severity="error">Some fields need attention.</Alert> : null}
          <div>
            <Button variant="contained" onClick={() => setConfirming(true)}>
              Publish program
            </Button>
          </div>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="publish-title">
        <DialogTitle id="publish-title">Publish “{name || "this program"}”?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Partners who take part see it on their Incentives page at once, with a statement computed from their sellers. Its
            rules then change only by a new version.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="contained" onClick={() => create.mutate()} loading={create.isPending}>
            Publish
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
