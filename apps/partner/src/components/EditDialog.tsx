import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { errorWords, useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

export type EditField = {
  name: string;
  label: string;
  value: string | null;
  type?: "text" | "email" | "tel";
  multiline?: boolean;
  required?: boolean;
  /** An emptied optional field is sent as null (cleared). */
  nullable?: boolean;
};

/**
 * A small form in a dialog that PATCHes only what changed and shows the API's field errors under
 * their fields (what was typed stays).
 */
export function EditDialog<T>(props: {
  open: boolean;
  title: string;
  fields: EditField[];
  save(patch: Record<string, string | null>): Promise<T>;
  onSaved(result: T): void;
  onClose(): void;
}) {
  const { t, lang } = useI18n();
  const { fieldErrors: fieldErrorsOf } = useApiErrors();
  const id = useId();
  const initial = () => Object.fromEntries(props.fields.map((f) => [f.name, f.value ?? ""]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const mutation = useMutation({ mutationFn: props.save, onSuccess: props.onSaved });
  const { reset } = mutation;
  // Each opening starts from the current values.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening
  useEffect(() => {
    if (props.open) {
      setValues(initial());
      reset();
    }
  }, [props.open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const f of props.fields) {
      const v = values[f.name] ?? "";
      if (v === (f.value ?? "")) continue;
      patch[f.name] = f.nullable && v.trim() === "" ? null : v;
    }
    if (Object.keys(patch).length === 0) return props.onClose();
    mutation.mutate(patch);
  };
  const fieldErrors = fieldErrorsOf(mutation.error);
  const general = mutation.error && Object.keys(fieldErrors).length === 0 ? mutation.error : null;

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={`${id}-title`} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.fields.map((f) => (
              <TextField
                key={f.name}
                id={`edit-${f.name}`}
                label={f.label}
                type={f.type ?? "text"}
                required={f.required}
                multiline={f.multiline}
                minRows={f.multiline ? 3 : undefined}
                value={values[f.name] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                error={Boolean(fieldErrors[f.name])}
                helperText={fieldErrors[f.name]}
                fullWidth
              />
            ))}
            {general ? (
              <Alert severity="error">{errorWords(general, lang)}</Alert>
            ) : mutation.error ? (
              <Alert severity="error">{t("common.fixFields")}</Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={mutation.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" variant="contained" disabled={mutation.isPending}>
            {t("common.save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
