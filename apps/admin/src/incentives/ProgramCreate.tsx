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
  Typography,
} from "@mui/material";
import { fieldErrors } from "@shopreg/web-api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Title, useCreatePath, useNotify, useRedirect } from "react-admin";
import { errorWords } from "../i18n/errors.ts";
import { useT } from "../i18n/index.tsx";
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
  const t = useT();
  const create = useMutation({
    mutationFn: () =>
      data(
        api.POST("/v1/staff/incentive-programs", { body: { name: name.trim(), name_zh: nameZh.trim(), rules: toRules(draft) } }),
      ),
    onMutate: () => setRuleErrors({}),
    onSuccess: async (program) => {
      await queryClient.invalidateQueries({ queryKey: ["incentive-programs"] });
      notify(t("program_published", { name: program.name }), { type: "success" });
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
      <Title title={t("new_incentive_program")} />
      <CardContent>
        <Stack
          spacing={3}
          component="form"
          aria-label={t("new_incentive_program")}
          onSubmit={(e) => e.preventDefault()}
          noValidate
        >
          {/* The form's own heading, so its sections (h3) follow an h2. */}
          <Typography variant="h6" component="h2">
            {t("new_incentive_program")}
          </Typography>
          <Stack direction={{ xs: "column", md: "row" }} spacing={2}>
            <TextField
              id="program-name"
              label={t("name_en")}
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={Boolean(top.name)}
              helperText={top.name}
              required
              fullWidth
            />
            <TextField
              id="program-name-zh"
              label={t("name_zh")}
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
          {general ? <Alert severity="error">{errorWords(general)}</Alert> : null}
          {Object.keys(top).length > 0 ? <Alert severity="error">{t("fields_need_attention")}</Alert> : null}
          <div>
            <Button variant="contained" onClick={() => setConfirming(true)}>
              {t("publish_program")}
            </Button>
          </div>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="publish-title">
        <DialogTitle id="publish-title">{t("publish_program_q", { name: name || t("this_program") })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t("publish_program_text")}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t("cancel")}</Button>
          <Button variant="contained" onClick={() => create.mutate()} loading={create.isPending}>
            {t("publish")}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
